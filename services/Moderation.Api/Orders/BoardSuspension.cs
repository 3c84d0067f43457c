using Moderation.Api.Registrations;
using Moderation.Api.Registrations.Rules;
using Moderation.Storage.Orders;

namespace Moderation.Api.Orders;

/// <summary>
/// Art. 13: a board that did not rectify by its order's deadline stops networking. The suspension
/// is the registration workflow's <see cref="Transition.Suspend"/>, so it has the one home every
/// suspension has: the board's status history, the audit chain, the organizer's notice and the
/// board cache dropped on every scanner. The order then records that it led to it.
/// </summary>
public sealed class BoardSuspension(OrderRepository orders, RegistrationWorkflow workflow, TimeProvider time)
{
    /// <summary>Suspends the board of an overdue, open order; null when done, otherwise why not (a conflict).</summary>
    public async Task<string?> SuspendAsync(RegistrationCaller officer, RectificationOrder order, CancellationToken cancellationToken)
    {
        if (order.CompletedAt is not null || order.SuspendedAt is not null)
        {
            return $"Order {order.OrderId} is {order.Status}; its board cannot be suspended again.";
        }

        if (!order.IsOverdue(time.GetUtcNow()))
        {
            return $"Order {order.OrderId} is not overdue: the board has until {order.Deadline:u} to rectify.";
        }

        var application = await workflow.FindBoardForOfficerAsync(officer, order.BoardId, cancellationToken);
        if (application is null)
        {
            return $"Board {order.BoardId} has no registration within your area, so it cannot be suspended through it.";
        }

        // Already suspended (by a decision or another order): the order only records it.
        if (application.Status != ApplicationStatus.Suspended)
        {
            var reason = $"Rectification order {order.OrderId} was not completed by its deadline {order.Deadline:u} (Art. 13): {order.Requirements}";
            var outcome = await workflow.DecideAsync(officer, application.ApplicationId, Transition.Suspend, reason, application.Version, cancellationToken);
            if (outcome is not RegistrationOutcome.Done)
            {
                return outcome switch
                {
                    RegistrationOutcome.Conflict conflict => conflict.Problem,
                    RegistrationOutcome.NotFound notFound => notFound.Problem,
                    RegistrationOutcome.Invalid invalid => string.Join(" ", invalid.Errors.SelectMany(e => e.Value)),
                    _ => $"Board {order.BoardId} could not be suspended.",
                };
            }
        }

        return await orders.RecordBoardSuspendedAsync(order.OrderId, officer.Name, cancellationToken)
            ? null
            : $"Order {order.OrderId} was closed meanwhile; the board is suspended all the same.";
    }
}
