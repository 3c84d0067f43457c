namespace Moderation.Detection;

/// <summary>The text of one post revision as the forum sent it.</summary>
/// <param name="DivisionCode">
/// The board's administrative division (GB/T 2260); rules scoped to a department's jurisdiction apply
/// only to boards inside it. Null applies global rules only.
/// </param>
public sealed record ScanInput(string? Title, string Body, string? DivisionCode = null);
