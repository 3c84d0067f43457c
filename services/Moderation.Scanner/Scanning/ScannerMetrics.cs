using System.Diagnostics;
using System.Diagnostics.Metrics;
using Moderation.Contracts;
using Moderation.Detection;
using Moderation.Hosting.Telemetry;
using Moderation.Scanner.Models;
using Moderation.Scanner.Rules;

namespace Moderation.Scanner.Scanning;

/// <summary>
/// The scanner's instruments (meter and activity source <c>Moderation.Scanner</c>): how long each stage
/// of a scan takes (admit, detect, store, send), verdicts by action, rule hits by category, rejections
/// by code, how long a post waited between its submission and its scan (consumer lag), and the rule set
/// and model a scanner scores with now, and how many scans each transaction saves.
/// </summary>
public sealed class ScannerMetrics
{
    public const string Name = "Moderation.Scanner";

    /// <summary>The spans of a scan, children of MassTransit's consume span.</summary>
    public static readonly ActivitySource Spans = new(Name);

    private readonly Histogram<double> _stages;
    private readonly Counter<long> _verdicts;
    private readonly Counter<long> _ruleHits;
    private readonly Counter<long> _rejections;
    private readonly Histogram<double> _lag;
    private readonly Histogram<int> _batches;

    public ScannerMetrics(IMeterFactory meters, DetectionEngineProvider engines, ModelProvider models)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(Name);
        _stages = meter.CreateHistogram<double>("moderation.scan.stage.duration", "s", "Time spent in each stage of a scan: admit, detect, store, send.");
        _verdicts = meter.CreateCounter<long>("moderation.scan.verdicts", "{verdict}", "Verdicts of the automatic scan, by action.");
        _ruleHits = meter.CreateCounter<long>("moderation.scan.rule_hits", "{hit}", "Findings of the rules, fingerprints and model, by category.");
        _rejections = meter.CreateCounter<long>("moderation.scan.rejections", "{post}", "Posts refused before scanning, by reason code.");
        _lag = meter.CreateHistogram<double>("moderation.scan.consumer_lag", "s", "From the post's submittedAt to the start of its scan.");
        _batches = meter.CreateHistogram<int>("moderation.scan.batch.size", "{post}", "Scans saved together in one transaction (ScanBatcher): 1 under light load, more as posts arrive faster than a flush.");
        // An info-style gauge: always 1, the versions in the tags, so a dashboard shows which are in use.
        meter.CreateObservableGauge("moderation.scanner.versions_in_use", () => VersionsInUse(engines, models), "{scanner}", "The rule set and model this scanner scores with (value 1, versions in the tags).");
    }

    public TimedStage Stage(string stage) => new(Spans, _stages, stage);

    /// <summary>A stage done for a post on another task (its batch), continuing the post's trace.</summary>
    public TimedStage Stage(string stage, ActivityContext parent) => new(Spans, _stages, stage, parent);

    public void ConsumerLag(PostSubmitted post, DateTimeOffset receivedAt)
    {
        if (post.SubmittedAt != default)
        {
            _lag.Record(Math.Max(0, (receivedAt - post.SubmittedAt).TotalSeconds));
        }
    }

    public void Scanned(VerdictAction action, ScanResult result)
    {
        _verdicts.Add(1, new KeyValuePair<string, object?>("action", action.ToString()));
        foreach (var finding in result.Findings)
        {
            _ruleHits.Add(1, new KeyValuePair<string, object?>("category", finding.Category));
        }
    }

    public void Batch(int size) => _batches.Record(size);

    public void Rejected(RejectionCode code) => _rejections.Add(1, new KeyValuePair<string, object?>("code", code.ToString()));

    private static Measurement<int>[] VersionsInUse(DetectionEngineProvider engines, ModelProvider models)
    {
        if (!engines.IsLoaded)
        {
            return [];
        }

        return [new Measurement<int>(1,
            new KeyValuePair<string, object?>("rule_set_version", engines.Current.RuleSetVersion),
            new KeyValuePair<string, object?>("model_version", models.Active?.Version ?? "none"))];
    }
}
