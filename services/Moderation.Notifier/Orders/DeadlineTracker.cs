using Moderation.Notifier.Delivery;
using Moderation.Storage.Orders;

namespace Moderation.Notifier.Orders;

/// <summary>
/// Flags takedown and rectification orders whose deadline passed with work outstanding (once each):
/// they show as overdue on the officers' pages, are counted in <c>moderation.orders.escalated</c>
/// and logged as an alert, so the department can act (Art. 13: suspend the board).
/// </summary>
public sealed class DeadlineTracker(OrderRepository orders, NotifierMetrics metrics, ILogger<DeadlineTracker> logger)
{
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var overdue = await orders.FlagOverdueAsync(cancellationToken);
        foreach (var (kind, orderId, divisionCode) in overdue)
        {
            metrics.Escalated(kind);
            logger.LogWarning("ALERT: {Kind} order {OrderId} of division {DivisionCode} is past its deadline and escalated", kind, orderId, divisionCode);
        }

        return overdue.Count;
    }
}
