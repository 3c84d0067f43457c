using Moderation.Contracts;
using Moderation.Storage.Review;

namespace Moderation.Api.Review;

/// <summary>A case with its post and the scan's reasons (spans into the original text).</summary>
public sealed record CaseDetailView(ReviewCaseSummary Case, string? Title, string? Body, string AuthorId, DateTimeOffset SubmittedAt, IReadOnlyList<VerdictReason> Reasons, string RuleSetVersion, string ScanAction);
