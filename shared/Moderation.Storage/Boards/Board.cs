namespace Moderation.Storage.Boards;

/// <summary>A registered board together with the operator that runs it.</summary>
public sealed record Board
{
    public required string BoardId { get; init; }

    public required string Name { get; init; }

    public required string OperatorId { get; init; }

    /// <summary>
    /// The RabbitMQ user configured for the operator; null when it only uses HTTP or publishes with
    /// issued users alone (those are looked up by <see cref="BoardRepository.FindOperatorByAmqpUserAsync"/>).
    /// </summary>
    public string? OperatorAmqpUser { get; init; }

    /// <summary>The operator's own queue for verdicts and rejections.</summary>
    public required string VerdictQueue { get; init; }

    public required string Channel { get; init; }

    /// <summary>GB/T 2260 administrative division code of the board's area; picks the security department.</summary>
    public required string DivisionCode { get; init; }

    public BoardStatus Status { get; init; }

    /// <summary>
    /// The board's policy on republished material (Art. 9): a post that names the outlet it was
    /// taken from without the provider's consent reference is held for a moderator.
    /// </summary>
    public bool RepublicationRequiresConsent { get; init; }
}
