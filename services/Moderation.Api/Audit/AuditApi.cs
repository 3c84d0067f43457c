using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Moderation.Storage.Audit;

namespace Moderation.Api.Audit;

/// <summary>The audit log for administrators: read it (newest first), verify its chain.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").WithTags("Audit");
        group.MapGet("/", ListAsync);
        group.MapGet("/verify", VerifyAsync);
        return group;
    }

    internal static async Task<Ok<AuditRecord[]>> ListAsync(AuditLog audit, [FromQuery] long? before, [FromQuery] string? subject, [FromQuery] int? limit, CancellationToken cancellationToken) =>
        TypedResults.Ok((await audit.ListAsync(before, Math.Clamp(limit ?? 100, 1, 1000), subject, cancellationToken)).ToArray());

    /// <summary>Walks the whole chain: <c>firstBrokenSequence</c> is null when it is intact.</summary>
    internal static async Task<Ok<AuditVerification>> VerifyAsync(AuditLog audit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await audit.VerifyAsync(cancellationToken));
}
