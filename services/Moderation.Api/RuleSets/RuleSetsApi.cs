using System.Security.Claims;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Moderation.Contracts;
using Moderation.Detection;
using Moderation.Security;
using Moderation.Storage.Audit;
using Moderation.Storage.Rules;

namespace Moderation.Api.RuleSets;

/// <summary>
/// Rule set management: import (validated, compiled, immutable per version), list, export, activate.
/// Activation is announced on the bus, and every scanner switches without a restart.
/// </summary>
public static class RuleSetsApi
{
    private const int MaxSourceLength = 16 * 1024 * 1024;

    public static RouteGroupBuilder MapRuleSetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/rule-sets").WithTags("Rule sets");
        group.MapPost("/", ImportAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/active", ActiveAsync);
        group.MapGet("/{version}", ExportAsync);
        group.MapPost("/{version}/activate", ActivateAsync);
        return group;
    }

    /// <summary>The body is the rule set file itself. A rule set that does not compile is refused with the rule and the reason.</summary>
    internal static async Task<Results<Created<RuleSetSummary>, Ok<RuleSetSummary>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ClaimsPrincipal user, RuleSetRepository ruleSets, AuditLog audit, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var source = await reader.ReadToEndAsync(cancellationToken);
        if (source.Length > MaxSourceLength)
        {
            return TypedResults.Problem($"The rule set is {source.Length} characters long; at most {MaxSourceLength} are accepted.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        RuleSet parsed;
        try
        {
            parsed = RuleSet.Parse(source);
        }
        catch (RuleSetException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "The rule set does not compile; nothing was stored.",
                extensions: new Dictionary<string, object?> { ["ruleId"] = ex.RuleId });
        }

        var outcome = await ruleSets.ImportAsync(parsed.Version, source, parsed.Rules.Count, user.ActorName(), cancellationToken);
        if (outcome == ImportOutcome.VersionConflict)
        {
            return TypedResults.Problem(
                $"Rule set version '{parsed.Version}' was already imported with different rules. A version never changes once imported: give the changed rule set a new version.",
                statusCode: StatusCodes.Status409Conflict, title: "Version already taken.");
        }

        if (outcome == ImportOutcome.Created)
        {
            await audit.AppendAsync(new AuditEntry(user.ActorName(), "rule-set.imported", $"rule-set:{parsed.Version}",
                JsonSerializer.Serialize(new { version = parsed.Version, rules = parsed.Rules.Count })), cancellationToken);
        }

        var summary = Summarise((await ruleSets.FindAsync(parsed.Version, cancellationToken))!);
        return outcome == ImportOutcome.Created
            ? TypedResults.Created($"/api/v1/rule-sets/{Uri.EscapeDataString(parsed.Version)}", summary)
            : TypedResults.Ok(summary);
    }

    internal static async Task<Ok<RuleSetSummary[]>> ListAsync(RuleSetRepository ruleSets, CancellationToken cancellationToken) =>
        TypedResults.Ok((await ruleSets.ListAsync(cancellationToken)).Select(Summarise).ToArray());

    /// <summary>The active rule set's summary; the embedded default when none was activated.</summary>
    internal static async Task<Ok<RuleSetSummary>> ActiveAsync(RuleSetRepository ruleSets, CancellationToken cancellationToken)
    {
        var active = await ruleSets.FindActiveAsync(cancellationToken);
        if (active is not null)
        {
            return TypedResults.Ok(Summarise(active));
        }

        var embedded = RuleSet.LoadDefault();
        return TypedResults.Ok(new RuleSetSummary(embedded.Version, embedded.Rules.Count, "Embedded", default, "built in", null, null));
    }

    /// <summary>The rule set file exactly as imported.</summary>
    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> ExportAsync(string version, RuleSetRepository ruleSets, CancellationToken cancellationToken)
    {
        var stored = await ruleSets.FindAsync(version, cancellationToken);
        return stored is null
            ? NotFound(version)
            : TypedResults.Content(stored.SourceJson, "application/json; charset=utf-8");
    }

    internal static async Task<Results<Ok<RuleSetSummary>, ProblemHttpResult>> ActivateAsync(
        string version, ClaimsPrincipal user, RuleSetRepository ruleSets, AuditLog audit, IBus bus, TimeProvider time, CancellationToken cancellationToken)
    {
        var actor = user.ActorName();
        if (!await ruleSets.ActivateAsync(version, actor, cancellationToken))
        {
            return NotFound(version);
        }

        await audit.AppendAsync(new AuditEntry(actor, "rule-set.activated", $"rule-set:{version}", JsonSerializer.Serialize(new { version })), cancellationToken);
        await bus.Publish(new RuleSetActivated { Version = version, ActivatedBy = actor, ActivatedAt = time.GetUtcNow() }, cancellationToken);
        return TypedResults.Ok(Summarise((await ruleSets.FindAsync(version, cancellationToken))!));
    }

    private static ProblemHttpResult NotFound(string version) =>
        TypedResults.Problem($"No rule set with version '{version}' was imported. Import it first (POST /api/v1/rule-sets).",
            statusCode: StatusCodes.Status404NotFound, title: "Rule set not found.");

    private static RuleSetSummary Summarise(StoredRuleSet stored) =>
        new(stored.Version, stored.RuleCount, stored.Status, stored.ImportedAt, stored.ImportedBy, stored.ActivatedAt, stored.ActivatedBy);
}
