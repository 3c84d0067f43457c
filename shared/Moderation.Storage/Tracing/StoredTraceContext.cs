using System.Diagnostics;

namespace Moderation.Storage.Tracing;

/// <summary>
/// The trace a stored row belongs to, as a W3C <c>traceparent</c> in its <c>trace_parent</c> column
/// (the message outbox, the notification outbox), so whoever sends the row later (a relay, the
/// Notifier) continues the trace of the work that wrote it.
/// </summary>
public static class StoredTraceContext
{
    /// <summary>The current span's <c>traceparent</c>, or null when there is none or it is not W3C.</summary>
    public static string? Current() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>The stored span as a remote parent; default (a new trace) when none was stored or it is unreadable.</summary>
    public static ActivityContext Parent(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent) ? parent : default;
}
