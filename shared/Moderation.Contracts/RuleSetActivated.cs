namespace Moderation.Contracts;

/// <summary>Internal event: a rule set became active; every scanner switches to it without a restart.</summary>
public sealed record RuleSetActivated
{
    public required string Version { get; init; }

    public required string ActivatedBy { get; init; }

    public DateTimeOffset ActivatedAt { get; init; }
}
