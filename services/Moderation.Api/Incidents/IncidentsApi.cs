using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Moderation.Security;
using Moderation.Verdicts.Divisions;
using Moderation.Storage.Incidents;
using Moderation.Storage.Notifications;

namespace Moderation.Api.Incidents;

/// <summary>
/// Incidents for security officers, within their jurisdiction only: list, detail with measures and
/// delivery status, acknowledgement through the portal, and the dead-lettered notifications. An
/// incident outside the caller's area answers 404, as if it did not exist.
/// </summary>
public static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/incidents").WithTags("Incidents");
        group.MapGet("/", ListAsync);
        group.MapGet("/{incidentId:long}", GetAsync);
        group.MapPost("/{incidentId:long}/acknowledge", AcknowledgeAsync);
        group.MapGet("/dead-letters", DeadLettersAsync);
        return group;
    }

    /// <summary>Retrying a dead-lettered notification after its endpoint was fixed (administrators).</summary>
    public static RouteGroupBuilder MapNotificationsAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Incidents");
        group.MapPost("/{notificationId:long}/retry", RetryAsync);
        return group;
    }

    internal static async Task<Results<Ok<IReadOnlyList<IncidentSummary>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, IncidentRepository incidents, int? limit, CancellationToken cancellationToken) =>
        user.Area() is { } area
            ? TypedResults.Ok(await incidents.ListAsync(area, Math.Clamp(limit ?? 100, 1, 500), cancellationToken))
            : NoJurisdiction.Problem();

    internal static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> GetAsync(long incidentId, ClaimsPrincipal user, IncidentRepository incidents, NotificationOutbox notifications, CancellationToken cancellationToken)
    {
        var incident = await FindInAreaAsync(incidentId, user, incidents, cancellationToken);
        return incident is null
            ? NotFound(incidentId)
            : TypedResults.Ok(new IncidentDetail(
                incident,
                await incidents.MeasuresAsync(incidentId, cancellationToken),
                await notifications.ListForIncidentAsync(incidentId, cancellationToken)));
    }

    /// <summary>The department confirms receipt through the portal (Art. 16); recorded once, with the officer's name.</summary>
    internal static async Task<Results<Ok<IncidentSummary>, ProblemHttpResult>> AcknowledgeAsync(long incidentId, ClaimsPrincipal user, IncidentRepository incidents, NotificationOutbox notifications, CancellationToken cancellationToken)
    {
        if (await FindInAreaAsync(incidentId, user, incidents, cancellationToken) is null)
        {
            return NotFound(incidentId);
        }

        foreach (var notification in await notifications.ListForIncidentAsync(incidentId, cancellationToken))
        {
            await notifications.AcknowledgeAsync(notification.NotificationId, user.ActorName(), "Acknowledged in the officers' portal", cancellationToken);
        }

        return TypedResults.Ok((await incidents.FindAsync(incidentId, cancellationToken))!);
    }

    internal static async Task<Results<Ok<IReadOnlyList<NotificationStatus>>, ProblemHttpResult>> DeadLettersAsync(ClaimsPrincipal user, NotificationOutbox notifications, CancellationToken cancellationToken) =>
        user.Area() is { } area
            ? TypedResults.Ok(await notifications.ListDeadLetteredAsync([area], 200, cancellationToken))
            : NoJurisdiction.Problem();

    internal static async Task<Results<Accepted, ProblemHttpResult>> RetryAsync(long notificationId, NotificationOutbox notifications, CancellationToken cancellationToken) =>
        await notifications.RetryDeadLetteredAsync(notificationId, cancellationToken)
            ? TypedResults.Accepted((string?)null)
            : TypedResults.Problem($"Notification {notificationId} is not dead-lettered (or does not exist).", statusCode: StatusCodes.Status404NotFound);

    internal static async Task<IncidentSummary?> FindInAreaAsync(long incidentId, ClaimsPrincipal user, IncidentRepository incidents, CancellationToken cancellationToken)
    {
        var area = user.Area();
        var incident = await incidents.FindAsync(incidentId, cancellationToken);
        return area is not null && incident is not null && DivisionCode.Covers(area, incident.DivisionCode) ? incident : null;
    }

    private static ProblemHttpResult NotFound(long incidentId) =>
        TypedResults.Problem($"No incident {incidentId} in your jurisdiction.", statusCode: StatusCodes.Status404NotFound);
}
