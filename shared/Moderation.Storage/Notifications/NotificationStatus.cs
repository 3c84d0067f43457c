namespace Moderation.Storage.Notifications;

/// <summary>One notification as officers and administrators see it: where it went and how it fared.</summary>
public sealed record NotificationStatus
{
    public long NotificationId { get; init; }

    public long IncidentId { get; init; }

    public required string DeliveryId { get; init; }

    public required string DivisionCode { get; init; }

    public string? DepartmentId { get; init; }

    public long? EndpointId { get; init; }

    public string? Channel { get; init; }

    public string? Address { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    public DateTimeOffset? DeadLetteredAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public string? AcknowledgedBy { get; init; }

    public string? LastError { get; init; }

    public string State => DeliveredAt is not null ? (AcknowledgedAt is not null ? "Acknowledged" : "Delivered")
        : DeadLetteredAt is not null ? "DeadLettered"
        : Attempts > 0 ? "Retrying" : "Pending";
}
