namespace Moderation.Storage.Accounts;

/// <summary>A person who signs in. The password is kept only as its hash.</summary>
public sealed record Account
{
    public long AccountId { get; init; }

    public required string UserName { get; init; }

    public required string DisplayName { get; init; }

    public required string PasswordHash { get; init; }

    /// <summary>One of <see cref="AccountRoles"/>.</summary>
    public required string Role { get; init; }

    /// <summary>An officer's jurisdiction: this division code and every code below it.</summary>
    public string? DivisionCode { get; init; }

    public required string SecurityStamp { get; init; }

    public DateTimeOffset? DisabledAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
