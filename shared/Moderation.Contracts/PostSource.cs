namespace Moderation.Contracts;

/// <summary>Where a republished post came from and the provider's consent to republish it (Art. 9).</summary>
public sealed record PostSource
{
    /// <summary>The outlet the material was taken from, e.g. a news site or another board.</summary>
    public required string Outlet { get; init; }

    /// <summary>The reference of the provider's consent; empty when the forum has none.</summary>
    public string? ConsentReference { get; init; }
}
