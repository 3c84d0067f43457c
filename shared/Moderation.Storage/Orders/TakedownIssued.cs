using Moderation.Storage.Outbox;

namespace Moderation.Storage.Orders;

/// <summary>The stored order and the claimed outbox rows (one per operator) to send now; or why it was refused.</summary>
public sealed record TakedownIssued(TakedownOrder? Order, IReadOnlyList<(long OutboxId, OutboundMessage Message)> Messages, string? Problem);
