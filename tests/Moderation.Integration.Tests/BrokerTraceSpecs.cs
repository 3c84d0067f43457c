using System.Net;
using System.Net.Http.Json;
using Moderation.Contracts;
using Moderation.Integration.Tests.Support;
using Moderation.Testing;
using Xunit.Abstractions;

namespace Moderation.Integration.Tests;

/// <summary>
/// One trace across processes and the real broker: an Api and a Scanner process, each exporting
/// spans and metrics over OTLP (configured by the SDK's standard variables) to a collector in the
/// test, carry a post from its HTTP ingest through RabbitMQ to the scan, its storage and the verdict's
/// send; MassTransit's activity source and meter are among what they export.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class BrokerTraceSpecs(ITestOutputHelper output) : PipelineSpecs
{
    private const string Api = "Moderation.Api";
    private const string Scanner = "Moderation.Scanner";

    [Fact]
    public async Task One_trace_spans_the_apis_ingest_the_broker_the_scanners_consume_scan_and_save_and_the_verdicts_send()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var api = await Pipeline.StartApiAsync(collector.ExporterSettings);
        await Pipeline.StartScannerAsync(settings: collector.ExporterSettings);
        using var http = new HttpClient { BaseAddress = api.BaseAddress }.WithApiKey(TestCredentials.ForumKey);
        await using var forum = await Pipeline.ConnectForumAsync();

        var response = await http.PostAsJsonAsync("/api/v1/posts", Posts.Create(Pipeline.BoardId, "traced", "绝密★长期 内部资料"), WireFormat.Options);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        (await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 1, TimeSpan.FromSeconds(60))).Should().ContainSingle(Pipeline.ServiceLogs);

        // Each process exports its finished spans every 200 ms: wait until the verdict's send has come in,
        // and the scanner's receive, which ends last (after the batch's send, when the message is acknowledged).
        List<OtlpSpan> trace = [];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        do
        {
            await Task.Delay(250);
            var spans = collector.Spans.ToList();
            var ingest = spans.FirstOrDefault(s => s.Service == Api && s.Kind == OtlpSpan.Server && s.Name.Contains("api/v1/posts", StringComparison.Ordinal));
            trace = ingest is null ? [] : [.. spans.Where(s => s.TraceId == ingest.TraceId)];
        }
        while (!(trace.Any(Received) && trace.Any(s => s.Service == Scanner && s.Name == "send batch" && trace.Any(p => p.ParentSpanId == s.SpanId && p.Kind == OtlpSpan.Producer))) && DateTime.UtcNow < deadline);
        output.WriteLine(string.Join("\n", trace.Select(s => $"{s.Service} {s.Source} {s.Kind} {s.Name} {s.SpanId} <- {s.ParentSpanId}")));

        trace.Should().Contain(s => s.Service == Api && s.Source == "Microsoft.AspNetCore" && s.Kind == OtlpSpan.Server, "the trace begins at the Api's ingest");
        var publish = trace.Should().ContainSingle(s => s.Service == Api && s.Source == "MassTransit" && s.Kind == OtlpSpan.Producer, "the Api publishes the post once").Subject;
        var receive = trace.Should().ContainSingle(s => Received(s), "the scanner receives it once").Subject;
        receive.ParentSpanId.Should().Be(publish.SpanId, "the scanner's receive continues the trace context the message carried over the broker");
        var consume = trace.Should().ContainSingle(s => s.Service == Scanner && s.Source == "MassTransit" && s.Kind == OtlpSpan.Consumer && s.ParentSpanId == receive.SpanId, "the consumer runs once").Subject;
        trace.Where(s => s.Name is "admit" or "detect" or "store").Should().OnlyContain(s => s.ParentSpanId == consume.SpanId, "the scan's stages run in the consumer");
        trace.Where(s => s.Service == Scanner && s.Source == Scanner).Select(s => s.Name).Should().Contain(["admit", "detect", "store", "send", "save batch", "send batch"]);
        var save = trace.Single(s => s.Name == "save batch");
        trace.Should().Contain(s => s.Service == Scanner && s.Source == "Npgsql" && s.ParentSpanId == save.SpanId, "the scan is saved in the same trace");
        var sendBatch = trace.Single(s => s.Name == "send batch");
        trace.Should().Contain(s => s.Service == Scanner && s.Source == "MassTransit" && s.Kind == OtlpSpan.Producer && s.Name.StartsWith(Pipeline.VerdictQueue, StringComparison.Ordinal) && s.ParentSpanId == sendBatch.SpanId,
            "the verdict's send to the forum's queue is in the trace");

        // Metrics export every second; MassTransit's meter comes with the first message handled.
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        bool Measured(string service, string operation) => MassTransitInstruments(collector, service).Any(i => i.Contains(operation, StringComparison.Ordinal));
        while (!(Measured(Api, "send") && Measured(Scanner, "consume")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        output.WriteLine($"MassTransit instruments: Api {string.Join(", ", MassTransitInstruments(collector, Api))}; Scanner {string.Join(", ", MassTransitInstruments(collector, Scanner))}");
        MassTransitInstruments(collector, Api).Should().Contain(i => i.Contains("send", StringComparison.Ordinal), "the Api's publish is measured by MassTransit's meter");
        MassTransitInstruments(collector, Scanner).Should().Contain(i => i.Contains("consume", StringComparison.Ordinal), "the scanner's consume is measured by MassTransit's meter");
    }

    /// <summary>The scanner's MassTransit receive span: the message taken off the broker.</summary>
    private static bool Received(OtlpSpan s) => s.Service == Scanner && s.Source == "MassTransit" && s.Kind == OtlpSpan.Consumer && s.Name.EndsWith(" receive", StringComparison.Ordinal);

    private static List<string> MassTransitInstruments(OtlpReceiver collector, string service) =>
        [.. collector.Instruments.Keys.Where(k => k.Service == service && k.Meter == "MassTransit").Select(k => k.Instrument).Order()];
}
