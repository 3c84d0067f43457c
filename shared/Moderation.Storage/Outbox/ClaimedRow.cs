namespace Moderation.Storage.Outbox;

/// <summary>A message to write claimed by its writer, in the trace <see cref="TraceParent"/> of the work that decided it.</summary>
public sealed record ClaimedRow(OutboundMessage Message, string? TraceParent);
