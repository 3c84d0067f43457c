using Moderation.Storage.Departments;
using Moderation.Storage.Notifications;

namespace Moderation.Notifier.Delivery;

/// <summary>Delivers one notification to one department endpoint of its kind; throws when it did not arrive.</summary>
public interface IDeliveryChannel
{
    EndpointKind Kind { get; }

    /// <summary>Where it went, for the incident's "reported" measure.</summary>
    Task<string> DeliverAsync(PendingNotification notification, DepartmentEndpoint endpoint, CancellationToken cancellationToken);
}
