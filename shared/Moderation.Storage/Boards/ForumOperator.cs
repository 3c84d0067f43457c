namespace Moderation.Storage.Boards;

/// <summary>An organisation that runs one or more boards and integrates over the message queue or HTTP.</summary>
public sealed record ForumOperator
{
    public required string OperatorId { get; init; }

    public required string Name { get; init; }

    public string? AmqpUser { get; init; }

    public required string VerdictQueue { get; init; }

    /// <summary>The queue name every operator gets unless configured otherwise.</summary>
    public static string DefaultVerdictQueue(string operatorId) => $"moderation.verdicts.{operatorId}";
}
