using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Moderation.Contracts;
using Moderation.Standalone.Tests.Review;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Telemetry;

/// <summary>
/// The composed services on PostgreSQL, observed as an operator would: Prometheus' scrape of
/// <c>/metrics</c> after posts are scanned, and the spans of one post from its HTTP ingest through
/// the bus, the scan's stages and the storage to the verdict sent to the forum, and of a moderator's
/// decision to the delivery of its report to the department.
/// </summary>
/// <remarks>
/// Run alone: every host in this test process publishes instruments and activities of the same names,
/// and a listener hears them all, while a production process has one host.
/// </remarks>
[Collection(TelemetryCollection.Name)]
public sealed partial class TelemetrySpecs : IAsyncLifetime
{
    private ReviewHost _host = null!;
    private HttpClient _forum = null!;

    public async Task InitializeAsync()
    {
        _host = await ReviewHost.StartOnPostgresAsync();
        _forum = _host.Factory.CreateClient(TestCredentials.ForumKey);
    }

    public async Task DisposeAsync()
    {
        _forum.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_scrape_after_scanning_shows_the_scan_review_and_library_instruments_with_their_values()
    {
        await ScanAsync("metrics-clean", "周末的聚会改到周日下午三点。");
        await ScanAsync("metrics-marked", "请看：机密★10年 关于下季度安排");

        var metrics = await ScrapeUntilAsync(text => Value(text, "moderation_review_queue_depth") >= 1 && Value(text, "moderation_scan_verdicts_total", "action=\"Publish\"") >= 1);

        Value(metrics, "moderation_scan_verdicts_total", "action=\"Publish\"").Should().BeGreaterThanOrEqualTo(1);
        (Value(metrics, "moderation_scan_verdicts_total", "action=\"Hold\"") + Value(metrics, "moderation_scan_verdicts_total", "action=\"Remove\"")).Should().BeGreaterThanOrEqualTo(1);
        Value(metrics, "moderation_scan_rule_hits_total", "category=\"secrecy-marking\"").Should().BeGreaterThanOrEqualTo(1);
        foreach (var stage in new[] { "admit", "detect", "store", "send" })
        {
            Value(metrics, "moderation_scan_stage_duration_seconds_count", $"stage=\"{stage}\"").Should().BeGreaterThanOrEqualTo(2, "both posts went through {0}", stage);
            Value(metrics, "moderation_scan_stage_duration_seconds_sum", $"stage=\"{stage}\"").Should().BeInRange(0, 60);
        }

        Value(metrics, "moderation_scan_consumer_lag_seconds_count").Should().BeGreaterThanOrEqualTo(2);
        Value(metrics, "moderation_review_queue_depth").Should().BeGreaterThanOrEqualTo(1, "the marked post waits for a moderator");
        Value(metrics, "moderation_review_sla_breached").Should().Be(0, "nothing has waited four hours");
        metrics.Should().MatchRegex("moderation_scanner_versions_in_use\\{[^}]*model_version=\"[^\"]+\"[^}]*rule_set_version=\"[^\"]+\"[^}]*\\} 1");

        // The libraries' own instruments: runtime, ASP.NET Core, Npgsql.
        Value(metrics, "dotnet_process_cpu_time_seconds_total").Should().BeGreaterThan(0);
        metrics.Should().Contain("dotnet_gc_collections_total");
        Value(metrics, "http_server_request_duration_seconds_count", "http_route=\"/api/v1/posts\"").Should().BeGreaterThanOrEqualTo(2);
        metrics.Should().MatchRegex("(?m)^db_client_[a-z_]+\\{");
        // MassTransit's instruments (registered with the rest in TelemetryRegistration) are not asserted:
        // they were scraped when this class ran alone, but not after other test hosts had run in the same
        // process, which a service's process never has.
    }

    [Fact]
    public async Task Metrics_are_not_served_to_a_request_that_came_through_a_proxy()
    {
        using var direct = _host.Factory.CreateClient();
        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        forwarded.Headers.Add("Forwarded", "for=203.0.113.9;proto=https");

        (await direct.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await direct.SendAsync(proxied)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await direct.SendAsync(forwarded)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task One_trace_spans_the_http_ingest_the_bus_the_scan_its_storage_and_the_verdict_sent()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Moderation.", StringComparison.Ordinal) || source.Name is "MassTransit" or "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);

        var location = await PostAsync("traced", "请看：机密★10年 关于下季度安排");
        await PostsApiSpecs.PollScannedAsync(_forum, location);
        // The verdict's send stops after the scan is committed and read back, so give it a moment.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<Activity> trace;
        do
        {
            await Task.Delay(100);
            var ingest = stopped.Single(a => a.Source.Name == "Microsoft.AspNetCore" && TraceOf(a, stopped).Any(s => s.DisplayName == "detect"));
            trace = TraceOf(ingest, stopped);
        }
        while (!trace.Any(a => a.DisplayName == "send") && DateTime.UtcNow < deadline);

        trace.Should().Contain(a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Producer, "the Api's publish of PostSubmitted");
        trace.Should().Contain(a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer, "the scanner's consume, continued from the message's headers");
        trace.Where(a => a.Source.Name == "Moderation.Scanner").Select(a => a.DisplayName).Should().Contain(["admit", "detect", "store", "send"]);
        trace.Single(a => a.DisplayName == "detect").GetTagItem("moderation.action").Should().BeOneOf("Hold", "Remove");
        // The scan is saved in a batch (ScanBatcher) on the batcher's task: the batch's transaction continues the post's trace under its store stage.
        var store = trace.Single(a => a.DisplayName == "store");
        var save = trace.Single(a => a.DisplayName == "save batch");
        save.ParentSpanId.Should().Be(store.SpanId);
        trace.Should().Contain(a => a.Source.Name == "Npgsql" && a.ParentSpanId == save.SpanId, "the scan's transaction runs inside the store stage's batch");
        // The verdict's outbox row is marked sent inside the send stage (the standalone host's forums read it over HTTP).
        trace.Single(a => a.DisplayName == "send").ParentSpanId.Should().Be(store.SpanId, "the post's send stage is its own, timed around its batch's send");
        var sendBatch = trace.Single(a => a.DisplayName == "send batch");
        trace.Should().Contain(a => a.Source.Name == "Npgsql" && a.ParentSpanId == sendBatch.SpanId, "the verdict's outbox row is marked sent in the same trace");
    }

    [Fact]
    public async Task One_trace_spans_a_moderators_decision_and_the_delivery_of_its_report_to_the_department()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Moderation.", StringComparison.Ordinal) || source.Name is "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var caseId = await _host.OpenCaseAsync("decided-traced");
        using var moderator = await _host.SignInAsync("mod-a");
        var claim = await moderator.PostAsync($"/api/v1/review/cases/{caseId}/claim", null);
        var version = (await claim.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("version").GetInt32();

        var decided = await moderator.PostAsJsonAsync($"/api/v1/review/cases/{caseId}/decision", new { decision = "Confirm", reason = "marked secret, quotes its content", version });

        decided.StatusCode.Should().Be(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());
        // The Notifier delivers the incident's report a poll later, on its own task: found by its trace.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        Activity? decision = null;
        Activity? delivery = null;
        while ((decision is null || delivery is null) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            decision = stopped.FirstOrDefault(a => a.Source.Name == "Microsoft.AspNetCore" && (a.GetTagItem("url.path") as string ?? a.DisplayName).EndsWith($"/cases/{caseId}/decision", StringComparison.Ordinal));
            delivery = decision is null ? null : stopped.FirstOrDefault(a => a.DisplayName == "deliver notification" && a.TraceId == decision.TraceId);
        }

        decision.Should().NotBeNull("the decision's request is traced");
        delivery.Should().NotBeNull("the Notifier's delivery continues the trace of the decision that opened the incident, carried in the notification's row");
        delivery!.Source.Name.Should().Be("Moderation.Notifier");
        delivery.ParentSpanId.Should().NotBe(default(ActivitySpanId));
    }

    private static List<Activity> TraceOf(Activity activity, IEnumerable<Activity> all) => [.. all.Where(a => a.TraceId == activity.TraceId)];

    private async Task<string> PostAsync(string postId, string body)
    {
        var response = await _forum.PostAsJsonAsync("/api/v1/posts", PostsApiSpecs.Post(postId, body), WireFormat.Options);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return response.Headers.Location!.ToString();
    }

    private async Task ScanAsync(string postId, string body)
    {
        var status = await PostsApiSpecs.PollScannedAsync(_forum, await PostAsync(postId, body));
        status.GetProperty("status").GetString().Should().Be("scanned");
    }

    /// <summary>Scrapes until <paramref name="ready"/> holds (the review queue is counted every 15 s) or 90 s pass.</summary>
    private async Task<string> ScrapeUntilAsync(Func<string, bool> ready)
    {
        using var scraper = _host.Factory.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var text = await scraper.GetStringAsync("/metrics");
            if (ready(text) || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(500);
        }
    }

    /// <summary>The sum of every sample of <paramref name="name"/> whose labels contain <paramref name="label"/>; 0 when there is none.</summary>
    private static double Value(string metrics, string name, string? label = null) => Sample().Matches(metrics)
        .Where(m => m.Groups["name"].Value == name && (label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
        .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"(?m)^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>[^ \n]+)")]
    private static partial Regex Sample();
}

/// <summary>The telemetry specs' collection, run when no other test of the project runs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry, alone";
}
