namespace Moderation.Cli.Load;

/// <summary>A simulated forum operator with its boards and the credentials it collected when its first board was approved.</summary>
public sealed record LoadOperator(string OperatorId, IReadOnlyList<string> Boards, string ApiKey, string? BrokerUser, string? BrokerPassword, string VerdictQueue);
