using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Moderation.Contracts;

namespace Moderation.Cli.Load;

/// <summary>
/// One load run, in order: register the operators and boards, make the posts, measure the bare broker
/// (with <c>--baseline</c>), start reading the verdict queues, publish at the target rate with a bounded
/// number in flight while showing progress, wait for the verdicts, check exactly-once (verdicts, then
/// database), and write the report and the chart.
/// </summary>
/// <param name="watchedLedger">Where the run records what it sends and receives; given by a caller that watches the run while it goes (a new one otherwise).</param>
public sealed class LoadRun(LoadSettings settings, TextWriter output, TextWriter progress, TimeProvider time, HttpMessageHandler? handler = null, VerdictLedger? watchedLedger = null)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(2);

    // After the last answer, how long to keep listening for a second verdict to the same revision.
    private static readonly TimeSpan DuplicateWatch = TimeSpan.FromSeconds(3);

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        var ledger = watchedLedger ?? new VerdictLedger();
        var startedAt = time.GetUtcNow();
        using var api = new HttpClient(handler ?? new HttpClientHandler(), disposeHandler: handler is null)
        {
            BaseAddress = new Uri(settings.Api.ToString().TrimEnd('/') + "/"),
        };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        var operators = await new LoadRegistrar(api).RegisterAsync(settings.RunId, settings.Operators, settings.Boards, progress, cancellationToken);

        var boards = operators.SelectMany(o => o.Boards).ToList();
        var operatorOfBoard = operators.SelectMany((o, i) => o.Boards.Select(_ => i)).ToList();
        var posts = PostMix.Generate(settings.Posts, boards, operatorOfBoard, settings.Mix, startedAt.ToOffset(TimeSpan.FromHours(8)));
        var bodies = posts.Select(p => (ReadOnlyMemory<byte>)JsonSerializer.SerializeToUtf8Bytes(p.Post, WireFormat.Options)).ToList();
        var broker = ForumBroker(settings.Amqp!);

        BaselineResult? baseline = null;
        if (settings.Baseline)
        {
            await progress.WriteLineAsync($"load: baseline: {bodies.Count:N0} messages through a bare quorum queue with confirms");
            baseline = await BrokerBaseline.RunAsync(settings.Amqp!, bodies, settings.InFlight, settings.RunId, cancellationToken);
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"load: baseline: {baseline.PerSecond:N0} messages a second"));
        }

        var memory = new ScannerMemory(settings.ScannerPids, settings.ScannerProcess);
        memory.Sample();
        await using var verdicts = await VerdictConsumer.StartAsync(broker, operators, ledger, cancellationToken);
        await using IPostSender sender = settings.Http is { } http
            ? settings.HttpBatch is { } batch ? new HttpBatchSender(http, operators, batch, handler) : new HttpSender(http, operators, handler)
            : await AmqpSender.ConnectAsync(broker, operators, cancellationToken);

        var first = Stopwatch.GetTimestamp();
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporter = ReportProgressAsync(ledger, memory, first, watching.Token);
        await PublishAsync(posts, bodies, sender, ledger, first, cancellationToken);
        var publishSeconds = Stopwatch.GetElapsedTime(first).TotalSeconds;
        await WaitForAnswersAsync(ledger, cancellationToken);
        await watching.CancelAsync();
        await reporter;
        memory.Sample();

        var pipelineSeconds = ledger.LastVerdictAt == 0 ? 0 : Stopwatch.GetElapsedTime(first, ledger.LastVerdictAt).TotalSeconds;
        var verdictsPerSecond = pipelineSeconds > 0 ? ledger.Answered / pipelineSeconds : 0;
        DatabaseResult? database = null;
        if (!string.IsNullOrEmpty(settings.Database))
        {
            await progress.WriteLineAsync("load: checking the database: one scan per published revision, one scan verdict each in the outbox");
            database = await DatabaseCheck.RunAsync(settings.Database, boards, ledger.PublishedKeys, cancellationToken);
        }

        var report = new LoadReport
        {
            RunId = settings.RunId,
            StartedAt = startedAt,
            Transport = settings.Http is null ? "amqp" : settings.HttpBatch is { } perRequest ? $"http-batch-{perRequest}" : "http",
            TargetRate = settings.Rate,
            Operators = operators.Count,
            Boards = boards.Count,
            InFlight = settings.InFlight,
            Mix = settings.Mix,
            Published = ledger.Published,
            Edits = posts.Count(p => p.Post.Revision > 0),
            SecretPosts = posts.Count(p => p.Secret),
            AverageLength = Math.Round(posts.Average(p => p.Post.Body.Length), 1),
            Accepted = ledger.Confirmed,
            Errors = [.. ledger.Errors.Take(20)],
            ErrorCount = ledger.Errors.Count,
            Answered = ledger.Answered,
            Lost = ledger.Unanswered().Count,
            Duplicated = ledger.Duplicated().Count,
            Disagreed = ledger.Disagreed().Count,
            Retried = ledger.Retried,
            Unexpected = ledger.Unexpected,
            Actions = ledger.Actions.ToDictionary(),
            Rejections = ledger.Rejections.ToDictionary(),
            PublishSeconds = Math.Round(publishSeconds, 3),
            PublishPerSecond = Math.Round(ledger.Published / Math.Max(publishSeconds, 1e-9), 1),
            PipelineSeconds = Math.Round(pipelineSeconds, 3),
            VerdictsPerSecond = Math.Round(verdictsPerSecond, 1),
            Latency = ledger.Latency(),
            Baseline = baseline,
            RatioToBaseline = baseline is { PerSecond: > 0 } ? Math.Round(verdictsPerSecond / baseline.PerSecond, 4) : null,
            ScannerMemory = memory.Result(),
            Database = database,
            Timeline = ledger.Timeline(),
        };

        await File.WriteAllTextAsync(settings.Report.FullName, report.ToJson(), cancellationToken);
        var title = string.Create(CultureInfo.InvariantCulture, $"{report.Published:N0} posts over {report.Transport.ToUpperInvariant()}, {(settings.Rate is { } r ? $"{r:0.#}/s" : "as fast as possible")}: p50 {report.Latency.P50:0} ms, p99 {report.Latency.P99:0} ms, {report.VerdictsPerSecond:N0} verdicts/s");
        await File.WriteAllTextAsync(settings.Chart.FullName, LatencyChart.Render(report.Timeline, title), cancellationToken);
        await output.WriteAsync(report.Summary());
        await output.WriteLineAsync($"  report {settings.Report.FullName}, chart {settings.Chart.FullName}");
        return report;
    }

    /// <summary>The broker address for the forums' own users: the given URL without its user.</summary>
    internal static Uri ForumBroker(Uri amqp) => new UriBuilder(amqp) { UserName = "", Password = "" }.Uri;

    private async Task PublishAsync(IReadOnlyList<LoadPost> posts, IReadOnlyList<ReadOnlyMemory<byte>> bodies, IPostSender sender, VerdictLedger ledger, long first, CancellationToken cancellationToken)
    {
        using var window = new SemaphoreSlim(settings.InFlight);
        var pending = new List<Task>(posts.Count);
        for (var i = 0; i < posts.Count; i++)
        {
            if (settings.Rate is { } rate)
            {
                // Paced by the clock, not by sleeping a fixed gap: a late wake-up sends what is due at once.
                var wait = TimeSpan.FromSeconds(i / rate) - Stopwatch.GetElapsedTime(first);
                if (wait >= TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, cancellationToken);
                }
            }

            await window.WaitAsync(cancellationToken);
            ledger.Sent(posts[i].Key);
            pending.Add(SendAsync(sender, posts[i], bodies[i], ledger, window, cancellationToken));
        }

        await Task.WhenAll(pending);
    }

    /// <summary>
    /// Sends until accepted, as a forum does: a transient failure (the broker restarting, the Api
    /// away) is tried again after a growing pause, for as long as <see cref="LoadSettings.Patience"/>.
    /// A revision sent twice is still one revision: the system answers it once.
    /// </summary>
    private async Task SendAsync(IPostSender sender, LoadPost post, ReadOnlyMemory<byte> body, VerdictLedger ledger, SemaphoreSlim window, CancellationToken cancellationToken)
    {
        try
        {
            var firstFailure = 0L;
            var pause = RetryPause.Initial;
            while (await sender.SendAsync(post, body, cancellationToken) is { } failure)
            {
                firstFailure = firstFailure == 0 ? Stopwatch.GetTimestamp() : firstFailure;
                if (!failure.Transient || Stopwatch.GetElapsedTime(firstFailure) > settings.Patience)
                {
                    ledger.Error(failure.Message);
                    return;
                }

                ledger.Retry();
                await Task.Delay(pause, cancellationToken);
                pause = RetryPause.After(pause);
            }

            ledger.Confirm();
        }
        finally
        {
            window.Release();
        }
    }

    private async Task WaitForAnswersAsync(VerdictLedger ledger, CancellationToken cancellationToken)
    {
        var lastProgress = Stopwatch.GetTimestamp();
        var answered = ledger.Answered;
        while (ledger.Answered < ledger.Published)
        {
            await Task.Delay(50, cancellationToken);
            if (ledger.Answered != answered)
            {
                answered = ledger.Answered;
                lastProgress = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(lastProgress) > settings.Patience)
            {
                await progress.WriteLineAsync($"load: no verdict for {settings.Patience.TotalSeconds:0} s; {ledger.Published - ledger.Answered:N0} revision(s) unanswered");
                return;
            }
        }

        await Task.Delay(DuplicateWatch, cancellationToken);
    }

    private async Task ReportProgressAsync(VerdictLedger ledger, ScannerMemory memory, long first, CancellationToken cancellationToken)
    {
        var answeredBefore = 0;
        var before = Stopwatch.GetTimestamp();
        try
        {
            while (true)
            {
                await Task.Delay(ProgressInterval, cancellationToken);
                memory.Sample();
                var answered = ledger.Answered;
                var rate = (answered - answeredBefore) / Stopwatch.GetElapsedTime(before).TotalSeconds;
                answeredBefore = answered;
                before = Stopwatch.GetTimestamp();
                var rss = memory.Result() is { Count: > 0 } m ? $", scanner RSS {string.Join("/", m.Select(p => p.LastMegabytes.ToString("0", CultureInfo.InvariantCulture)))} MB" : "";
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"load: {Stopwatch.GetElapsedTime(first).TotalSeconds,6:0.0} s  sent {ledger.Published,7:N0}/{settings.Posts:N0}  accepted {ledger.Confirmed,7:N0}  answered {answered,7:N0} ({rate:N0}/s)  errors {ledger.Errors.Count}{rss}"));
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }
}
