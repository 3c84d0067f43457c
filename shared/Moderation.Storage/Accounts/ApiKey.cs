namespace Moderation.Storage.Accounts;

/// <summary>A machine client's key. Only the SHA-256 of the key itself is stored.</summary>
public sealed record ApiKey
{
    public required string KeyId { get; init; }

    /// <summary>Who acts: written into the audit log and the <c>*_by</c> columns.</summary>
    public required string Name { get; init; }

    /// <summary>One of <see cref="AccountRoles.Keys"/>.</summary>
    public required string Role { get; init; }

    /// <summary>Set for <see cref="AccountRoles.Machine"/> keys: the key may submit only for this operator's boards.</summary>
    public string? OperatorId { get; init; }

    /// <summary>Set for officer keys: their jurisdiction.</summary>
    public string? DivisionCode { get; init; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Set when the key was rotated: it keeps working until then (the overlap), then stops.</summary>
    public DateTimeOffset? ValidUntil { get; init; }
}
