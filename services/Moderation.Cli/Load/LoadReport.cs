using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.Cli.Load;

/// <summary>Everything a run measured, written as JSON (<c>--report</c>) and summarised on standard output.</summary>
public sealed record LoadReport
{
    public required string RunId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary><c>amqp</c> or <c>http</c>.</summary>
    public required string Transport { get; init; }

    public double? TargetRate { get; init; }

    public required int Operators { get; init; }

    public required int Boards { get; init; }

    public required int InFlight { get; init; }

    public required MixSettings Mix { get; init; }

    /// <summary>Messages sent: new posts and edits (each revision is one message and expects one verdict).</summary>
    public required int Published { get; init; }

    public required int Edits { get; init; }

    public required int SecretPosts { get; init; }

    public required double AverageLength { get; init; }

    /// <summary>Publishes the broker confirmed (AMQP) or the Api accepted with 202 (HTTP).</summary>
    public required int Accepted { get; init; }

    public required IReadOnlyList<string> Errors { get; init; }

    public required int ErrorCount { get; init; }

    /// <summary>Revisions that got a verdict or a rejection.</summary>
    public required int Answered { get; init; }

    public required int Lost { get; init; }

    public required int Duplicated { get; init; }

    /// <summary>Revisions answered more than once whose answers differ: never acceptable, even where a repeated verdict is.</summary>
    public required int Disagreed { get; init; }

    /// <summary>Publishes sent again after a failure (the broker or the Api away for a while).</summary>
    public required int Retried { get; init; }

    public required int Unexpected { get; init; }

    public required IReadOnlyDictionary<string, int> Actions { get; init; }

    public required IReadOnlyDictionary<string, int> Rejections { get; init; }

    public required double PublishSeconds { get; init; }

    public required double PublishPerSecond { get; init; }

    /// <summary>From the first publish to the last verdict.</summary>
    public required double PipelineSeconds { get; init; }

    public required double VerdictsPerSecond { get; init; }

    public required LatencyStats Latency { get; init; }

    public BaselineResult? Baseline { get; init; }

    /// <summary>The pipeline's verdicts a second divided by the bare broker's messages a second, in the same run.</summary>
    public double? RatioToBaseline { get; init; }

    public required IReadOnlyList<ProcessMemory> ScannerMemory { get; init; }

    public DatabaseResult? Database { get; init; }

    public required IReadOnlyList<TimelinePoint> Timeline { get; init; }

    /// <summary>Every revision answered exactly once, by the verdicts and (when checked) by the database, with no publish failing.</summary>
    public bool Passed => Lost == 0 && Duplicated == 0 && Disagreed == 0 && ErrorCount == 0 && Database is null or { Clean: true };

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The lines a person reads at the end of a run.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        Line($"load {RunId}: {Published:N0} posts ({Edits:N0} edits, {SecretPosts:N0} with secret material, {AverageLength:0} characters on average) over {Transport.ToUpperInvariant()} from {Operators} operator(s), {Boards} board(s){(TargetRate is { } r ? $", target {r:0.#}/s" : ", as fast as possible")}");
        Line($"  published   {PublishPerSecond:N0}/s ({PublishSeconds:0.00} s), accepted {Accepted:N0}, retried {Retried:N0}, errors {ErrorCount:N0}");
        Line($"  verdicts    {VerdictsPerSecond:N0}/s ({PipelineSeconds:0.00} s from first publish to last verdict), answered {Answered:N0}: {string.Join(", ", Actions.OrderBy(a => a.Key).Select(a => $"{a.Key} {a.Value:N0}"))}{(Rejections.Count > 0 ? "; rejected " + string.Join(", ", Rejections.Select(r => $"{r.Key} {r.Value:N0}")) : "")}");
        Line($"  latency     publish to verdict p50 {Latency.P50:0.0} ms, p95 {Latency.P95:0.0} ms, p99 {Latency.P99:0.0} ms, max {Latency.Max:0.0} ms");
        if (Baseline is { } baseline)
        {
            Line($"  baseline    bare quorum queue with confirms: {baseline.PerSecond:N0}/s ({baseline.Seconds:0.00} s); the pipeline runs at {RatioToBaseline:0.000} of it");
        }

        Line($"  scanners    {(ScannerMemory.Count == 0 ? "none found (give --scanner-pid)" : string.Join(", ", ScannerMemory.Select(m => $"pid {m.Pid} peak {m.PeakMegabytes:0} MB, last {m.LastMegabytes:0} MB")))}");
        Line($"  exactly once: lost {Lost:N0}, duplicated {Duplicated:N0} (disagreeing {Disagreed:N0}), unexpected {Unexpected:N0}{(Database is { } db ? $"; database: {db.Scans:N0} scans, missing {db.Missing:N0}, unexpected {db.Unexpected:N0}, duplicated verdicts {db.DuplicatedVerdicts:N0}" : "; database not checked (no --database)")}");
        foreach (var example in Errors.Take(5).Concat(Database?.Examples ?? []))
        {
            Line($"  ! {example}");
        }

        Line($"  {(Passed ? "PASSED: every post got exactly one verdict" : "FAILED: see the lines above")}");
        return text.ToString();
    }
}
