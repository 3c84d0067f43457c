namespace Moderation.Detection;

/// <summary>The text of one post revision as the forum sent it.</summary>
/// <param name="Areas">
/// The division codes (GB/T 2260) of every area the board lies in, its own first (the scanner takes
/// them from <c>DivisionCode.AreasOf</c> in Moderation.Verdicts, the one home of division codes). A
/// rule scoped to a department's area applies when its scope is one of them. Null or empty applies
/// global rules only.
/// </param>
public sealed record ScanInput(string? Title, string Body, IReadOnlyCollection<string>? Areas = null);
