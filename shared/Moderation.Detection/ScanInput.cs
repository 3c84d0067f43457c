namespace Moderation.Detection;

/// <summary>The text of one post revision as the forum sent it.</summary>
public sealed record ScanInput(string? Title, string Body);
