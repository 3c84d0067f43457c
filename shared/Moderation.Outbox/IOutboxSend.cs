using MassTransit;

namespace Moderation.Outbox;

/// <summary>Sends an outbox message as its own type, so the bus serialises it with that type's settings.</summary>
internal interface IOutboxSend
{
    Task SendAsync(ISendEndpoint endpoint, CancellationToken cancellationToken);
}
