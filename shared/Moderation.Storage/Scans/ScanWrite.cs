using Moderation.Storage.Outbox;
using Moderation.Storage.Posts;
using Moderation.Verdicts;
using Moderation.Verdicts.Incidents;

namespace Moderation.Storage.Scans;

/// <summary>Everything one scan decides, saved in one transaction.</summary>
public sealed record ScanWrite
{
    public required PostRecord Post { get; init; }

    public required string Action { get; init; }

    public double Score { get; init; }

    public required string ReasonsJson { get; init; }

    public required string RuleSetVersion { get; init; }

    /// <summary>The classifier that scored the post, when one did.</summary>
    public string? ModelVersion { get; init; }

    public double? ModelProbability { get; init; }

    public DateTimeOffset ScannedAt { get; init; }

    /// <summary>
    /// Set when the verdict is Hold (the post waits for a moderator) or Remove (a moderator
    /// confirms the removal); the case's kind is the verdict's action.
    /// </summary>
    public bool OpensReviewCase { get; init; }

    /// <summary>The strongest evidence's category (<c>CaseEvidence.StrongestCategory</c>), kept on the case so the queue filters by it.</summary>
    public string? Category { get; init; }

    /// <summary>
    /// What the case keeps of the post until it is decided (excerpt, categories, title, author,
    /// fingerprint); with a fingerprint, a near-duplicate of an open case's post on the same board
    /// joins that case instead of opening one.
    /// </summary>
    public CaseEvidence? Evidence { get; init; }

    /// <summary>Set when the verdict is Remove: the department must be told (scan id and purge time are filled in on save).</summary>
    public IncidentOpening? Incident { get; init; }

    /// <summary>The verdict for the forum.</summary>
    public required OutboundMessage Verdict { get; init; }

    /// <summary>
    /// The trace of the work that decided the scan, taken where the write is built: a batch is
    /// saved on another flow, and each verdict's outbox row keeps its own post's trace.
    /// </summary>
    public string? TraceParent { get; init; } = Moderation.Storage.Tracing.StoredTraceContext.Current();
}
