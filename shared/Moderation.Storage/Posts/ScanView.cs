namespace Moderation.Storage.Posts;

public sealed record ScanView
{
    public required string Action { get; init; }

    public double Score { get; init; }

    /// <summary>The verdict's reasons as stored, a JSON array.</summary>
    public required string ReasonsJson { get; init; }

    public required string RuleSetVersion { get; init; }

    public DateTimeOffset ScannedAt { get; init; }
}
