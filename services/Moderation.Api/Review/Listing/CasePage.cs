using Moderation.Api.Review.Cases;

namespace Moderation.Api.Review.Listing;

/// <summary>One page of the queue; <see cref="Next"/> is null on the last page.</summary>
public sealed record CasePage(IReadOnlyList<ReviewCaseSummary> Cases, string? Next);
