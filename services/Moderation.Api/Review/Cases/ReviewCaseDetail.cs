using System.Text.Json;
using Moderation.Contracts;
using Moderation.Hosting.Messaging;

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

    /// <summary>The scan's reasons: rules with their spans in the original text.</summary>
    public IReadOnlyList<VerdictReason> Reasons() =>
        JsonSerializer.Deserialize<VerdictReason[]>(ReasonsJson, WireFormat.Options) ?? [];
}
