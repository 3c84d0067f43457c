namespace Moderation.Storage.Orders;

/// <summary>
/// What an officer orders taken down: explicit posts, and/or every post within the officer's area
/// that matched a protected document (<see cref="DocumentIds"/>, by fingerprint).
/// </summary>
public sealed record TakedownIssue
{
    public required string Area { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset Deadline { get; init; }

    public required string IssuedBy { get; init; }

    public IReadOnlyList<(string BoardId, string PostId)> Posts { get; init; } = [];

    public IReadOnlyList<string> DocumentIds { get; init; } = [];
}
