namespace Moderation.Contracts;

/// <summary>
/// A submitted post that was not scanned, with a reason a person can act on. The post must not be shown.
/// </summary>
public sealed record PostRejected
{
    public string? BoardId { get; init; }

    public string? PostId { get; init; }

    public int? Revision { get; init; }

    public RejectionCode Code { get; init; }

    /// <summary>What is wrong and what to do about it, e.g. "Body is empty: send the post's text in 'body'."</summary>
    public required string Reason { get; init; }

    /// <summary>The message id of the rejected submission, when it had one.</summary>
    public Guid? MessageId { get; init; }

    public DateTimeOffset RejectedAt { get; init; }
}
