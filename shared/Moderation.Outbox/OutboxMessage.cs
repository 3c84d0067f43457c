using System.Text.Json;
using MassTransit;
using Moderation.Contracts;
using Moderation.Storage.Outbox;

namespace Moderation.Outbox;

/// <summary>
/// A message for the outbox: its stored form (what a store writes in its transaction) together with
/// the object itself, which <see cref="MessageOutbox"/> sends after commit. Built by
/// <see cref="MessageOutbox.Verdict"/>, <see cref="MessageOutbox.Rejection"/> and
/// <see cref="MessageOutbox.Takedown"/>, or read back from a row by the relay.
/// </summary>
public sealed record OutboxMessage<T> : OutboundMessage, IOutboxSend
    where T : class
{
    internal OutboxMessage(string destination, T message)
        : base(destination, OutboxMessageTypes.NameOf<T>(), JsonSerializer.Serialize(message, WireFormat.Options))
    {
        Message = message;
        Posts = OutboxMessageTypes.PostsOf(message);
    }

    /// <summary>A row read back from the table: its stored form as it was written, and the object it holds.</summary>
    internal OutboxMessage(OutboundMessage stored, T message)
        : base(stored) =>
        Message = message;

    /// <summary>The object sent to <see cref="OutboundMessage.Destination"/>.</summary>
    public T Message { get; }

    Task IOutboxSend.SendAsync(ISendEndpoint endpoint, CancellationToken cancellationToken) => endpoint.Send(Message, cancellationToken);
}
