using Moderation.Api.Review.Cases;

namespace Moderation.Api.Review.Listing;

/// <summary>Which cases to list. Every criterion is optional; <see cref="Status"/> defaults to open cases.</summary>
public sealed record CaseFilter
{
    /// <summary>The caller's scope: only these boards (a moderator's assignment). Null: no restriction.</summary>
    public IReadOnlyCollection<string>? ScopeBoards { get; init; }

    /// <summary>The caller's scope: boards whose division code starts with this (an officer's jurisdiction).</summary>
    public string? ScopeDivisionPrefix { get; init; }

    public string? Board { get; init; }

    public string? Category { get; init; }

    public double? MinScore { get; init; }

    public double? MaxScore { get; init; }

    /// <summary>Only cases opened at or before this time (older than an age).</summary>
    public DateTimeOffset? OpenedBefore { get; init; }

    /// <summary>Only cases opened at or after this time (younger than an age).</summary>
    public DateTimeOffset? OpenedAfter { get; init; }

    /// <summary>Text the post's title or body contains (any case).</summary>
    public string? Text { get; init; }

    /// <summary>The forum's post id, exactly.</summary>
    public string? PostId { get; init; }

    /// <summary>The forum's author id, exactly.</summary>
    public string? AuthorId { get; init; }

    public string Status { get; init; } = ReviewCaseStatus.Open;

    public CaseSort Sort { get; init; } = CaseSort.Priority;

    /// <summary>The cursor of the last case of the previous page (<see cref="CasePage.Next"/>).</summary>
    public string? After { get; init; }

    public int Limit { get; init; } = 50;
}
