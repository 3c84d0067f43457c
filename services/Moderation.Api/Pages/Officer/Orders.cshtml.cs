using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Moderation.Api.Incidents;
using Moderation.Api.Orders;
using Moderation.Api.Registrations;
using Moderation.Api.Security;
using Moderation.Security;
using Moderation.Storage.Orders;
using Moderation.Verdicts.Divisions;

namespace Moderation.Api.Pages.Officer;

/// <summary>Takedown and rectification orders of the jurisdiction with their deadlines; issue, complete, suspend an overdue board.</summary>
[Authorize(Policy = AccessPolicies.Officer)]
public sealed class OrdersModel(OrderRepository orders, TakedownIssuer issuer, BoardSuspension suspension, TimeProvider time) : PageModel
{
    public string Area { get; private set; } = "";

    public IReadOnlyList<TakedownOrder> Takedowns { get; private set; } = [];

    public IReadOnlyList<RectificationOrder> Rectifications { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Problem { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.Area() is not { } area)
        {
            return Forbid();
        }

        Area = area;
        Now = time.GetUtcNow();
        Takedowns = await orders.ListTakedownsAsync(area, 200, cancellationToken);
        Rectifications = await orders.ListRectificationsAsync(area, 200, cancellationToken);
        return Page();
    }

    /// <summary>
    /// <paramref name="posts"/>: one "board/post" per line; <paramref name="documents"/>: protected document ids, one per line.
    /// Only the form's own format is checked here; the order's rules are <see cref="TakedownIssuer"/>'s, as for the JSON API.
    /// </summary>
    public async Task<IActionResult> OnPostTakedownAsync(string? posts, string? documents, string? reason, string? deadline, CancellationToken cancellationToken)
    {
        if (User.Area() is not { } area)
        {
            return Forbid();
        }

        var targets = Lines(posts).Select(l => l.Split('/', 2, StringSplitOptions.TrimEntries)).ToList();
        if (targets.Any(t => t.Length != 2 || t[0].Length == 0 || t[1].Length == 0))
        {
            return Refuse("Posts: one \"board/post\" per line, e.g. demo-board/12345.");
        }

        var request = new TakedownRequest
        {
            Targets = [.. targets.Select(t => new TakedownPost(t[0], t[1]))],
            DocumentIds = [.. Lines(documents)],
            Deadline = ParseDeadline(deadline),
            Reason = reason,
        };
        switch (await issuer.IssueAsync(area, User.ActorName(), request, cancellationToken))
        {
            case TakedownOutcome.Issued issued:
                Message = $"Takedown {issued.Order.OrderId} sent for {issued.Order.Targets.Count} post(s).";
                return Redirect("/officer/orders");
            case TakedownOutcome.Invalid invalid:
                return Refuse(string.Join(" ", invalid.Errors.SelectMany(e => e.Value.Select(why => $"{Label(e.Key)}: {why}."))));
            case TakedownOutcome.Refused refused:
                return Refuse(refused.Problem);
            default:
                throw new UnreachableException();
        }
    }

    public async Task<IActionResult> OnPostRectificationAsync(string? boardId, string? requirements, string? deadline, CancellationToken cancellationToken)
    {
        if (User.Area() is not { } area)
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(boardId) || string.IsNullOrWhiteSpace(requirements) || ParseDeadline(deadline) is not { } due)
        {
            return Refuse("Board, requirements and a future deadline are all needed.");
        }

        var order = await orders.IssueRectificationAsync(area, boardId.Trim(), requirements.Trim(), due, User.ActorName(), cancellationToken);
        if (order is null)
        {
            return Refuse($"No board '{boardId}' within your jurisdiction {area}.");
        }

        Message = $"Rectification {order.OrderId} issued to {order.BoardId}, due {order.Deadline:u}.";
        return Redirect("/officer/orders");
    }

    public async Task<IActionResult> OnPostCompleteAsync(string orderId, CancellationToken cancellationToken)
    {
        if (await InAreaAsync(orderId, cancellationToken) is null)
        {
            return NotFound();
        }

        Message = await orders.CompleteRectificationAsync(orderId, User.ActorName(), cancellationToken) ? $"{orderId} marked as rectified." : $"{orderId} was already closed.";
        return Redirect("/officer/orders");
    }

    public async Task<IActionResult> OnPostSuspendAsync(string orderId, CancellationToken cancellationToken)
    {
        if (await InAreaAsync(orderId, cancellationToken) is not { } order)
        {
            return NotFound();
        }

        if (await suspension.SuspendAsync(RegistrationCaller.Of(User), order, cancellationToken) is { } problem)
        {
            return Refuse(problem);
        }

        Message = $"Board {order.BoardId} suspended: its posts are rejected from now on.";
        return Redirect("/officer/orders");
    }

    private async Task<RectificationOrder?> InAreaAsync(string orderId, CancellationToken cancellationToken) =>
        User.Area() is { } area && await orders.FindRectificationAsync(orderId, cancellationToken) is { } order && DivisionCode.Covers(area, order.DivisionCode)
            ? order
            : null;

    private RedirectResult Refuse(string problem)
    {
        Problem = problem;
        return Redirect("/officer/orders");
    }

    private DateTimeOffset? ParseDeadline(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value) && value > time.GetUtcNow()
            ? value
            : null;

    /// <summary>The API's field names, as the form labels them.</summary>
    private static string Label(string field) => field switch
    {
        "targets" => "Posts or documents",
        _ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(field),
    };

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
