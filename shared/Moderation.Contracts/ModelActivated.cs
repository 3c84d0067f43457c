namespace Moderation.Contracts;

/// <summary>
/// Internal event: the model registry changed what scanners score with (a model activated or a
/// rollback); every scanner reloads from the registry at once.
/// </summary>
public sealed record ModelActivated
{
    /// <summary>The active model after the change.</summary>
    public required string Version { get; init; }

    /// <summary><c>Activate</c> or <c>Rollback</c>.</summary>
    public required string Change { get; init; }

    public required string ActivatedBy { get; init; }

    public DateTimeOffset ActivatedAt { get; init; }
}
