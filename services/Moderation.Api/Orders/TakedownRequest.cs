namespace Moderation.Api.Orders;

/// <summary>Body of <c>POST /api/v1/takedowns</c>: posts and/or protected document ids, a deadline and the reason.</summary>
public sealed record TakedownRequest
{
    public IReadOnlyList<TakedownPost>? Targets { get; init; }

    /// <summary>Every post in your area that matched one of these protected documents (by fingerprint).</summary>
    public IReadOnlyList<string>? DocumentIds { get; init; }

    public DateTimeOffset? Deadline { get; init; }

    public string? Reason { get; init; }
}
