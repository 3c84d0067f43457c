using System.Security.Claims;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Moderation.Contracts;
using Moderation.Detection.Classification;
using Moderation.Security;
using Moderation.Storage.Models;
using Moderation.Storage.Rules;

namespace Moderation.Api.Models;

/// <summary>
/// The model registry: import a model file (checked, stored with its figures, immutable per version),
/// list, download, activate, roll back. Every change is announced on the bus, and every scanner
/// switches without a restart. A candidate is compared with a model beside it by
/// <c>moderation evaluate --shadow</c> before it is activated.
/// </summary>
public static class ModelsApi
{
    private const long MaxModelBytes = 256L * 1024 * 1024;

    // The build ships the default model beside the service; its own metadata says what it is.
    private static readonly Lazy<ModelMetadata> ShippedDefault = new(() => ModelFile.Load(ModelFile.ShippedDefaultPath()).Metadata);

    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/models").WithTags("Models");
        group.MapPost("/", ImportAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/active", ActiveAsync);
        group.MapGet("/{version}", FindAsync);
        group.MapGet("/{version}/file", FileAsync);
        group.MapPost("/{version}/activate", ActivateAsync);
        group.MapPost("/rollback", RollBackAsync);
        return group;
    }

    /// <summary>The body is the model file (zip) <c>moderation train</c> wrote.</summary>
    internal static async Task<Results<Created<ModelSummary>, Ok<ModelSummary>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ClaimsPrincipal user, ModelRepository models, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxModelBytes)
        {
            return TypedResults.Problem($"The model file is {buffer.Length:N0} bytes; at most {MaxModelBytes:N0} are accepted.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        byte[] content = buffer.ToArray();
        ModelMetadata metadata;
        try
        {
            metadata = ModelFile.Read(new MemoryStream(content)).Metadata;
        }
        catch (ModelFormatException ex)
        {
            return TypedResults.Problem($"{ex.Message}. Send the zip file `moderation train --output` wrote, as the request body.",
                statusCode: StatusCodes.Status400BadRequest, title: "Not a model file; nothing was stored.");
        }

        var registration = new ModelRegistration(
            metadata.Version, metadata.Recipe, metadata.DataHash, metadata.TrainingExamples,
            JsonSerializer.Serialize(metadata, JsonSerializerOptions.Web),
            metadata.Metrics?.RocAuc, metadata.Metrics?.Recall, metadata.Metrics?.FalsePositiveRate);
        var outcome = await models.ImportAsync(registration, content, user.ActorName(), cancellationToken);
        if (outcome == ImportOutcome.VersionConflict)
        {
            return TypedResults.Problem(
                $"Model version '{metadata.Version}' was already imported with a different file. A version never changes once imported.",
                statusCode: StatusCodes.Status409Conflict, title: "Version already taken.");
        }

        var summary = Summarise((await models.FindAsync(metadata.Version, cancellationToken))!);
        return outcome == ImportOutcome.Created
            ? TypedResults.Created($"/api/v1/models/{Uri.EscapeDataString(metadata.Version)}", summary)
            : TypedResults.Ok(summary);
    }

    internal static async Task<Ok<ModelSummary[]>> ListAsync(ModelRepository models, CancellationToken cancellationToken) =>
        TypedResults.Ok((await models.ListAsync(cancellationToken)).Select(Summarise).ToArray());

    /// <summary>The active model; the default (trained from the shipped corpus when the services were built) when none was activated.</summary>
    internal static async Task<Ok<ModelSummary>> ActiveAsync(ModelRepository models, CancellationToken cancellationToken)
    {
        string? active = await models.ActiveVersionAsync(cancellationToken);
        if (active is not null && await models.FindAsync(active, cancellationToken) is { } stored)
        {
            return TypedResults.Ok(Summarise(stored));
        }

        ModelMetadata shipped = ShippedDefault.Value;
        return TypedResults.Ok(new ModelSummary(
            shipped.Version, "Default", "", 0, shipped.Recipe, shipped.DataHash, shipped.TrainingExamples,
            shipped.Metrics?.RocAuc, shipped.Metrics?.Recall, shipped.Metrics?.FalsePositiveRate, null, "built in", null, null));
    }

    internal static async Task<Results<Ok<ModelSummary>, ProblemHttpResult>> FindAsync(string version, ModelRepository models, CancellationToken cancellationToken) =>
        await models.FindAsync(version, cancellationToken) is { } stored ? TypedResults.Ok(Summarise(stored)) : NotFound(version);

    /// <summary>The model file exactly as imported.</summary>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FileAsync(string version, ModelRepository models, CancellationToken cancellationToken) =>
        await models.ContentAsync(version, cancellationToken) is { } content
            ? TypedResults.File(content, "application/zip", $"model-{version}.zip")
            : NotFound(version);

    internal static async Task<Results<Ok<ModelSummary>, ProblemHttpResult>> ActivateAsync(
        string version, ClaimsPrincipal user, ModelRepository models, IBus bus, TimeProvider time, CancellationToken cancellationToken)
    {
        string actor = user.ActorName();
        if (await models.ActivateAsync(version, actor, cancellationToken) == ModelChange.NotFound)
        {
            return NotFound(version);
        }

        await bus.Publish(new ModelActivated { Version = version, Change = "Activate", ActivatedBy = actor, ActivatedAt = time.GetUtcNow() }, cancellationToken);
        return TypedResults.Ok(Summarise((await models.FindAsync(version, cancellationToken))!));
    }

    /// <summary>Returns to the model the active one replaced; a second rollback goes one further back.</summary>
    internal static async Task<Results<Ok<ModelSummary>, ProblemHttpResult>> RollBackAsync(
        ClaimsPrincipal user, ModelRepository models, IBus bus, TimeProvider time, CancellationToken cancellationToken)
    {
        string actor = user.ActorName();
        (ModelChange change, string? version) = await models.RollBackAsync(actor, cancellationToken);
        if (change == ModelChange.NothingToRollBackTo)
        {
            return TypedResults.Problem(
                version is null
                    ? "No model was ever activated: the default model is in use and there is nothing to roll back."
                    : $"Model '{version}' was the first one activated: there is no earlier model to return to. Activate another version explicitly.",
                statusCode: StatusCodes.Status409Conflict, title: "Nothing to roll back to.");
        }

        await bus.Publish(new ModelActivated { Version = version!, Change = "Rollback", ActivatedBy = actor, ActivatedAt = time.GetUtcNow() }, cancellationToken);
        return TypedResults.Ok(Summarise((await models.FindAsync(version!, cancellationToken))!));
    }

    private static ProblemHttpResult NotFound(string version) =>
        TypedResults.Problem($"No model with version '{version}' was imported. Import it first (POST /api/v1/models with the model file, or `moderation models import FILE`).",
            statusCode: StatusCodes.Status404NotFound, title: "Model not found.");

    private static ModelSummary Summarise(StoredModel stored) =>
        new(stored.Version, stored.Status, stored.Sha256, stored.SizeBytes, stored.Recipe, stored.DataHash, stored.TrainingExamples,
            stored.RocAuc, stored.RecallAtHold, stored.FprAtHold, stored.ImportedAt, stored.ImportedBy, stored.ActivatedAt, stored.ActivatedBy);
}
