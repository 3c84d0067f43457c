using Moderation.Storage.Outbox;

namespace Moderation.Storage.Rejections;

public sealed record RejectionWrite
{
    /// <summary>The submission's message id, or its (board, post, revision, code) when it had none.</summary>
    public required string DedupeKey { get; init; }

    public string? BoardId { get; init; }

    public string? PostId { get; init; }

    public int? Revision { get; init; }

    public required string Code { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset RejectedAt { get; init; }

    public required OutboundMessage Notice { get; init; }
}
