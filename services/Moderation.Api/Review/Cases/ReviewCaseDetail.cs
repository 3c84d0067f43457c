using System.Text.Json;
using Moderation.Contracts;
using Moderation.Hosting.Messaging;
using Moderation.Storage.Review;

namespace Moderation.Api.Review.Cases;

/// <summary>Everything the case page shows and a decision needs: the case, the post, the scan.</summary>
public sealed record ReviewCaseDetail
{
    public required ReviewCaseSummary Case { get; init; }

    public long ScanId { get; init; }

    public required string OperatorId { get; init; }

    public required string VerdictQueue { get; init; }

    public required string BoardStatus { get; init; }

    public required string Channel { get; init; }

    public required string AuthorId { get; init; }

    public string? Title { get; init; }

    /// <summary>Null once the text was purged after a confirmed incident was handed off.</summary>
    public string? Body { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }

    public string? SourceOutlet { get; init; }

    public string? SourceConsent { get; init; }

    public required string ScanAction { get; init; }

    public required string ReasonsJson { get; init; }

    public required string RuleSetVersion { get; init; }

    public DateTimeOffset ScannedAt { get; init; }

    /// <summary>
    /// Every post the case covers with the evidence kept for it until the decision: this post first,
    /// then the reposts that joined its group. One decision applies to all of them.
    /// </summary>
    public IReadOnlyList<CasePost> Posts { get; init; } = [];

    /// <summary>This post's kept evidence; null for a case read without it.</summary>
    public CasePost? Evidence => Posts.FirstOrDefault(p => p.PostId == Case.PostId && p.Revision == Case.Revision && p.BoardId == Case.BoardId);

    /// <summary>The reposts that joined the case.</summary>
    public IEnumerable<CasePost> Reposts => Posts.Where(p => p != Evidence);

    /// <summary>The title to show: the post's, or the one kept with the case once the post's text was purged.</summary>
    public string? ShownTitle => Title ?? Evidence?.Title;

    /// <summary>The scan's reasons: rules with their spans in the original text.</summary>
    public IReadOnlyList<VerdictReason> Reasons() => ReasonsOf(ReasonsJson);

    public static IReadOnlyList<VerdictReason> ReasonsOf(string reasonsJson) =>
        JsonSerializer.Deserialize<VerdictReason[]>(reasonsJson, WireFormat.Options) ?? [];
}
