namespace Moderation.Api.Review.Cases;

/// <summary>A run of a post's text and the reasons (by number) whose spans cover it; none for plain text.</summary>
public sealed record HighlightedSegment(string Text, IReadOnlyList<int> Reasons);
