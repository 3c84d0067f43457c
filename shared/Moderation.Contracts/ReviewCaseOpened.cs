namespace Moderation.Contracts;

/// <summary>Internal event: a held post waits for a moderator.</summary>
public sealed record ReviewCaseOpened
{
    public long CaseId { get; init; }

    public required string BoardId { get; init; }

    public required string PostId { get; init; }

    public int Revision { get; init; }

    public double Score { get; init; }

    public DateTimeOffset OpenedAt { get; init; }
}
