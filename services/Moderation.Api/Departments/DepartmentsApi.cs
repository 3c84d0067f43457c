using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Moderation.Storage.Departments;
using Moderation.Verdicts.Divisions;

namespace Moderation.Api.Departments;

/// <summary>
/// The department directory for administrators: import a whole JSON Lines file (all or nothing,
/// problems by line and field), edit one department, list, and see where a division code routes.
/// </summary>
public static class DepartmentsApi
{
    private const int MaxFileLength = 4 * 1024 * 1024;

    public static RouteGroupBuilder MapDepartmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/departments").WithTags("Departments");
        group.MapGet("/", ListAsync);
        group.MapPost("/import", ImportAsync);
        group.MapGet("/route/{divisionCode}", RouteAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPut("/{id}", PutAsync);
        return group;
    }

    internal static async Task<Ok<DepartmentView[]>> ListAsync(DepartmentRepository departments, CancellationToken cancellationToken) =>
        TypedResults.Ok((await departments.ListAsync(cancellationToken)).Select(DepartmentView.From).ToArray());

    internal static async Task<Results<Ok<DepartmentView>, ProblemHttpResult>> GetAsync(string id, DepartmentRepository departments, CancellationToken cancellationToken) =>
        await departments.FindAsync(id, cancellationToken) is { } department
            ? TypedResults.Ok(DepartmentView.From(department))
            : TypedResults.Problem($"No department '{id}'.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>The body is the directory file (JSON Lines). 200 with the count, or 400 listing every problem; nothing is stored then.</summary>
    internal static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(HttpRequest request, DepartmentRepository departments, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (text.Length > MaxFileLength)
        {
            return TypedResults.Problem($"The directory file is {text.Length} characters; at most {MaxFileLength} are accepted.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var (parsed, problems) = DepartmentFile.Parse(text);
        if (problems.Count == 0 && parsed.Count == 0)
        {
            problems = [new DepartmentProblem(null, "(file)", "no departments in the file: one JSON object per line")];
        }

        if (problems.Count == 0)
        {
            problems = await departments.ImportAsync(parsed, cancellationToken);
        }

        return problems.Count > 0 ? Refused(problems) : TypedResults.Ok(new ImportResult(parsed.Count));
    }

    /// <summary>Creates or replaces one department (body: the same object as a line of the file).</summary>
    internal static async Task<Results<Ok<DepartmentView>, ProblemHttpResult>> PutAsync(string id, JsonElement body, DepartmentRepository departments, CancellationToken cancellationToken)
    {
        var (department, problems) = DepartmentFile.ParseOne(body, line: null);
        if (department is not null && department.DepartmentId != id)
        {
            problems = [new DepartmentProblem(null, "id", $"the body's id '{department.DepartmentId}' differs from the address's '{id}'")];
        }

        if (problems.Count == 0 && department!.ParentId is { } parentId && await departments.FindAsync(parentId, cancellationToken) is { } parent
            && DepartmentFile.ParentProblem(department, parent) is { } parentProblem)
        {
            problems = [new DepartmentProblem(null, "parent", parentProblem)];
        }

        if (problems.Count == 0)
        {
            problems = await departments.ImportAsync([department!], cancellationToken);
        }

        return problems.Count > 0 ? Refused(problems) : TypedResults.Ok(DepartmentView.From((await departments.FindAsync(id, cancellationToken))!));
    }

    internal static async Task<Results<Ok<DepartmentView>, ProblemHttpResult>> RouteAsync(string divisionCode, DepartmentRepository departments, CancellationToken cancellationToken)
    {
        if (DivisionCode.Problem(divisionCode) is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Not a division code.");
        }

        return await departments.RouteAsync(divisionCode, cancellationToken) is { } department
            ? TypedResults.Ok(DepartmentView.From(department))
            : TypedResults.Problem($"No department covers {divisionCode}: import one at that code or above it (up to the central level, 100000).", statusCode: StatusCodes.Status404NotFound);
    }

    private static ProblemHttpResult Refused(IReadOnlyList<DepartmentProblem> problems) => TypedResults.Problem(
        string.Join("\n", problems.Select(p => p.ToString())),
        statusCode: StatusCodes.Status400BadRequest,
        title: "The directory was not changed.",
        extensions: new Dictionary<string, object?> { ["problems"] = problems.Select(p => new { line = p.Line, field = p.Field, message = p.Message }).ToArray() });
}
