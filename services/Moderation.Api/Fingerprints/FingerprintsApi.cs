using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Moderation.Detection.Fingerprints;
using Moderation.Fingerprints;
using Moderation.Security;
using Moderation.Storage.Audit;
using Moderation.Storage.Fingerprints;
using Moderation.Verdicts.Divisions;

namespace Moderation.Api.Fingerprints;

/// <summary>
/// Protected documents, registered by the fingerprint file <c>moderation fingerprint</c> computes on
/// the officer's machine: the text never reaches the system. A registration is stored, then
/// published to every scanner at once.
/// </summary>
public static class FingerprintsApi
{
    // A 100,000-character document gives about 21,000 hashes, some 400 KB of file.
    private const int MaxFileLength = 8 * 1024 * 1024;

    public static RouteGroupBuilder MapFingerprintsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/fingerprints").WithTags("Fingerprints");
        group.MapPost("/", RegisterAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/{documentId}", GetAsync);
        return group;
    }

    /// <summary>
    /// The body is the fingerprint file. 201 when registered now, 200 when the same fingerprint was
    /// registered before, 400 naming each wrong field, 409 when the id is taken by another fingerprint.
    /// </summary>
    internal static async Task<Results<Created<ProtectedDocumentView>, Ok<ProtectedDocumentView>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        HttpRequest request, ClaimsPrincipal user, FingerprintRegistry registry, AuditLog audit, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var source = await reader.ReadToEndAsync(cancellationToken);
        if (source.Length > MaxFileLength)
        {
            return TypedResults.Problem($"The fingerprint file is {source.Length} characters long; at most {MaxFileLength} are accepted.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        FingerprintDocument? document;
        IReadOnlyList<FingerprintProblem> problems;
        try
        {
            using var json = JsonDocument.Parse(source);
            document = FingerprintFile.Read(json.RootElement, out problems);
        }
        catch (JsonException ex)
        {
            return Invalid([new FingerprintProblem("", $"The body is not JSON ({ex.Message}). Send the file `moderation fingerprint FILE --output OUT.json` wrote, as it is.")]);
        }

        if (document is null)
        {
            return Invalid(problems);
        }

        if (!MayRegister(user, document.DivisionCode))
        {
            return TypedResults.Problem(
                document.DivisionCode is null
                    ? "A central registration (no divisionCode) is made by an administrator. Give the file your department's division code."
                    : $"Division {document.DivisionCode} is outside your jurisdiction ({user.DivisionCode()}). Register documents of your own area, or ask the department responsible.",
                statusCode: StatusCodes.Status403Forbidden, title: "Outside your jurisdiction.");
        }

        var registration = await registry.RegisterAsync(document, user.ActorName(), cancellationToken);
        if (registration.Problems.Count > 0)
        {
            return Invalid(registration.Problems);
        }

        if (registration.Outcome == RegistrationOutcome.Conflict)
        {
            return TypedResults.Problem(
                $"Document id '{document.DocumentId}' is already registered with a different fingerprint. A registered document is never replaced: " +
                "if this is a new version, compute its fingerprint with another --id.",
                statusCode: StatusCodes.Status409Conflict, title: "Document id already taken.");
        }

        if (registration.Outcome == RegistrationOutcome.Created)
        {
            await audit.AppendAsync(new AuditEntry(user.ActorName(), "fingerprint.registered", $"document:{document.DocumentId}",
                JsonSerializer.Serialize(new { documentId = document.DocumentId, divisionCode = document.DivisionCode, hashes = document.Hashes.Count })), cancellationToken);
        }

        var view = View(registration.Document!);
        return registration.Outcome == RegistrationOutcome.Created
            ? TypedResults.Created($"/api/v1/fingerprints/{Uri.EscapeDataString(document.DocumentId)}", view)
            : TypedResults.Ok(view);
    }

    /// <summary>An officer sees the documents registered for their area and below; an administrator all.</summary>
    internal static async Task<Ok<ProtectedDocumentView[]>> ListAsync(ClaimsPrincipal user, FingerprintRepository documents, CancellationToken cancellationToken) =>
        TypedResults.Ok((await documents.ListAsync(cancellationToken)).Where(d => Sees(user, d.DivisionCode)).Select(View).ToArray());

    internal static async Task<Results<Ok<ProtectedDocumentView>, ProblemHttpResult>> GetAsync(string documentId, ClaimsPrincipal user, FingerprintRepository documents, CancellationToken cancellationToken)
    {
        var summary = await documents.FindSummaryAsync(documentId, cancellationToken);
        return summary is null || !Sees(user, summary.DivisionCode)
            ? TypedResults.Problem($"No protected document '{documentId}' is registered. Register it with POST /api/v1/fingerprints.", statusCode: StatusCodes.Status404NotFound, title: "Document not found.")
            : TypedResults.Ok(View(summary));
    }

    private static ValidationProblem Invalid(IReadOnlyList<FingerprintProblem> problems) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(p => p.Field.Length == 0 ? "$" : p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            title: "The fingerprint file is not valid; nothing was registered.");

    private static bool MayRegister(ClaimsPrincipal user, string? divisionCode) =>
        user.IsAdmin() || (user.Area() is { } area && DivisionCode.Covers(area, divisionCode));

    private static bool Sees(ClaimsPrincipal user, string? divisionCode) => MayRegister(user, divisionCode);

    private static ProtectedDocumentView View(ProtectedDocumentSummary summary) =>
        new(summary.DocumentId, summary.Title, summary.DivisionCode, summary.RegisteredAt, summary.RegisteredBy, summary.HashCount);
}
