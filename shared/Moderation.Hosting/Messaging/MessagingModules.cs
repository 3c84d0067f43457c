using MassTransit;

namespace Moderation.Hosting.Messaging;

/// <summary>
/// Consumers collected from every module a host composes (scanner, API, …), applied when the bus is
/// registered. MassTransit accepts one registration per container, so modules add to this list and
/// <see cref="MessagingRegistration.AddModerationMessaging"/> registers them all at once.
/// </summary>
internal sealed class MessagingModules
{
    public List<Action<IBusRegistrationConfigurator>> Registrations { get; } = [];

    /// <summary>Names of endpoints that every instance has for itself (temporary, not quorum queues).</summary>
    public HashSet<string> BroadcastEndpoints { get; } = [];
}
