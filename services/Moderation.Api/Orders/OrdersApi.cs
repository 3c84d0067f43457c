using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Moderation.Api.Incidents;
using Moderation.Api.Registrations;
using Moderation.Security;
using Moderation.Storage.Orders;
using Moderation.Verdicts.Divisions;

namespace Moderation.Api.Orders;

/// <summary>
/// Officers' orders within their jurisdiction: takedowns (Art. 15, 17) sent to each affected
/// operator's queue as <c>TakedownRequested</c>, and rectifications (Art. 13) whose board can be
/// suspended once overdue; a suspended board's posts are rejected from that moment on.
/// </summary>
public static class OrdersApi
{
    public static RouteGroupBuilder MapTakedownsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/takedowns").WithTags("Orders");
        group.MapPost("/", IssueTakedownAsync);
        group.MapGet("/", ListTakedownsAsync);
        group.MapGet("/{orderId}", GetTakedownAsync);
        return group;
    }

    public static RouteGroupBuilder MapRectificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/rectifications").WithTags("Orders");
        group.MapPost("/", IssueRectificationAsync);
        group.MapGet("/", ListRectificationsAsync);
        group.MapGet("/{orderId}", GetRectificationAsync);
        group.MapPost("/{orderId}/complete", CompleteRectificationAsync);
        group.MapPost("/{orderId}/suspend-board", SuspendBoardAsync);
        return group;
    }

    internal static async Task<Results<Created<TakedownOrder>, ValidationProblem, ProblemHttpResult>> IssueTakedownAsync(
        TakedownRequest request, ClaimsPrincipal user, TakedownIssuer issuer, CancellationToken cancellationToken)
    {
        if (user.Area() is not { } area)
        {
            return NoJurisdiction.Problem();
        }

        return await issuer.IssueAsync(area, user.ActorName(), request, cancellationToken) switch
        {
            TakedownOutcome.Issued issued => TypedResults.Created($"/api/v1/takedowns/{issued.Order.OrderId}", issued.Order),
            TakedownOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors),
            TakedownOutcome.Refused refused => TypedResults.Problem(refused.Problem, statusCode: StatusCodes.Status422UnprocessableEntity, title: "No order was issued."),
            _ => throw new UnreachableException(),
        };
    }

    internal static async Task<Results<Ok<IReadOnlyList<TakedownOrder>>, ProblemHttpResult>> ListTakedownsAsync(ClaimsPrincipal user, OrderRepository orders, CancellationToken cancellationToken) =>
        user.Area() is { } area ? TypedResults.Ok(await orders.ListTakedownsAsync(area, 200, cancellationToken)) : NoJurisdiction.Problem();

    internal static async Task<Results<Ok<TakedownOrder>, ProblemHttpResult>> GetTakedownAsync(string orderId, ClaimsPrincipal user, OrderRepository orders, CancellationToken cancellationToken)
    {
        var order = await orders.FindTakedownAsync(orderId, cancellationToken);
        return order is not null && InArea(user, order.DivisionCode) ? TypedResults.Ok(order) : NotFound(orderId);
    }

    internal static async Task<Results<Created<RectificationOrder>, ValidationProblem, ProblemHttpResult>> IssueRectificationAsync(RectificationRequest request, ClaimsPrincipal user, OrderRepository orders, TimeProvider time, CancellationToken cancellationToken)
    {
        if (user.Area() is not { } area)
        {
            return NoJurisdiction.Problem();
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.BoardId))
        {
            errors["boardId"] = ["required"];
        }

        if (string.IsNullOrWhiteSpace(request.Requirements) || request.Requirements.Length > 4000)
        {
            errors["requirements"] = ["required: what the board must fix (at most 4,000 characters)"];
        }

        if (request.Deadline is not { } deadline || deadline <= time.GetUtcNow())
        {
            errors["deadline"] = ["required, in the future (ISO-8601 with offset)"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var order = await orders.IssueRectificationAsync(area, request.BoardId!, request.Requirements!.Trim(), request.Deadline!.Value, user.ActorName(), cancellationToken);
        return order is null
            ? TypedResults.Problem($"No board '{request.BoardId}' within your jurisdiction {area}.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Created($"/api/v1/rectifications/{order.OrderId}", order);
    }

    internal static async Task<Results<Ok<IReadOnlyList<RectificationOrder>>, ProblemHttpResult>> ListRectificationsAsync(ClaimsPrincipal user, OrderRepository orders, CancellationToken cancellationToken) =>
        user.Area() is { } area ? TypedResults.Ok(await orders.ListRectificationsAsync(area, 200, cancellationToken)) : NoJurisdiction.Problem();

    internal static async Task<Results<Ok<RectificationOrder>, ProblemHttpResult>> GetRectificationAsync(string orderId, ClaimsPrincipal user, OrderRepository orders, CancellationToken cancellationToken)
    {
        var order = await orders.FindRectificationAsync(orderId, cancellationToken);
        return order is not null && InArea(user, order.DivisionCode) ? TypedResults.Ok(order) : NotFound(orderId);
    }

    internal static async Task<Results<Ok<RectificationOrder>, ProblemHttpResult>> CompleteRectificationAsync(string orderId, ClaimsPrincipal user, OrderRepository orders, CancellationToken cancellationToken)
    {
        var order = await orders.FindRectificationAsync(orderId, cancellationToken);
        if (order is null || !InArea(user, order.DivisionCode))
        {
            return NotFound(orderId);
        }

        return await orders.CompleteRectificationAsync(orderId, user.ActorName(), cancellationToken)
            ? TypedResults.Ok(await orders.FindRectificationAsync(orderId, cancellationToken))
            : TypedResults.Problem($"Order {orderId} is already {order.Status}.", statusCode: StatusCodes.Status409Conflict);
    }

    /// <summary>Art. 13: stops the board's networking through the registration workflow (<see cref="BoardSuspension"/>), so its next post is rejected.</summary>
    internal static async Task<Results<Ok<RectificationOrder>, ProblemHttpResult>> SuspendBoardAsync(string orderId, ClaimsPrincipal user, OrderRepository orders, BoardSuspension suspension, CancellationToken cancellationToken)
    {
        var order = await orders.FindRectificationAsync(orderId, cancellationToken);
        if (order is null || !InArea(user, order.DivisionCode))
        {
            return NotFound(orderId);
        }

        return await suspension.SuspendAsync(RegistrationCaller.Of(user), order, cancellationToken) is { } problem
            ? TypedResults.Problem(problem, statusCode: StatusCodes.Status409Conflict)
            : TypedResults.Ok(await orders.FindRectificationAsync(orderId, cancellationToken));
    }

    private static bool InArea(ClaimsPrincipal user, string divisionCode) =>
        user.Area() is { } area && DivisionCode.Covers(area, divisionCode);

    private static ProblemHttpResult NotFound(string orderId) =>
        TypedResults.Problem($"No order {orderId} in your jurisdiction.", statusCode: StatusCodes.Status404NotFound);
}
