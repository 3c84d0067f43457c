using Moderation.Storage.Outbox;

namespace Moderation.Api.Review.Decide;

/// <summary>A review-stage verdict a decision stored in the outbox, to send after commit.</summary>
public sealed record SentVerdict(long OutboxId, OutboundMessage Message);
