namespace Moderation.Storage.Notifications;

/// <summary>A notification claimed by one Notifier until its lease runs out; <see cref="ClaimToken"/> fences late writers.</summary>
public sealed record PendingNotification
{
    public long NotificationId { get; init; }

    public long IncidentId { get; init; }

    public required string DeliveryId { get; init; }

    public string? DepartmentId { get; init; }

    public long? EndpointId { get; init; }

    public string? Channel { get; init; }

    public required string DivisionCode { get; init; }

    public required string PayloadJson { get; init; }

    /// <summary>Including the one now starting.</summary>
    public int Attempts { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required string ClaimToken { get; init; }

    /// <summary>The trace of the decision that opened the incident (W3C traceparent), continued by its delivery.</summary>
    public string? TraceParent { get; init; }
}
