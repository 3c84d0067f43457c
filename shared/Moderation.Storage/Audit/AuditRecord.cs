namespace Moderation.Storage.Audit;

/// <summary>A stored audit row with its place in the chain.</summary>
public sealed record AuditRecord
{
    public long Sequence { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public required string Actor { get; init; }

    public required string Action { get; init; }

    public required string Subject { get; init; }

    public required string DetailJson { get; init; }

    public required string PreviousHash { get; init; }

    public required string RowHash { get; init; }
}
