namespace Moderation.Storage.Departments;

/// <summary>One delivery address of a department. <see cref="Secret"/> is only set for webhooks.</summary>
public sealed record DepartmentEndpoint
{
    public long EndpointId { get; init; }

    public required EndpointKind Kind { get; init; }

    /// <summary>The webhook URL, the e-mail address or the queue name.</summary>
    public required string Address { get; init; }

    /// <summary><c>whsec_</c> followed by the base64 key; signs webhooks and verifies receipts.</summary>
    public string? Secret { get; init; }

    public bool Enabled { get; init; } = true;
}
