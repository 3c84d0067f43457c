using Moderation.Contracts;

namespace Moderation.Api.Review.Cases;

/// <summary>
/// A case with its post and the scan's reasons (spans into the original text), and every post the
/// case covers (this one first, then reposts that joined it) with the evidence kept until the decision.
/// </summary>
public sealed record CaseDetailView(ReviewCaseSummary Case, string? Title, string? Body, string AuthorId, DateTimeOffset SubmittedAt, IReadOnlyList<VerdictReason> Reasons, string RuleSetVersion, string ScanAction, IReadOnlyList<CasePostView> Posts);
