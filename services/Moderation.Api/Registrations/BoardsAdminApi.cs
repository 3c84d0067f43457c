using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Moderation.Api.Registrations.Rules;
using Moderation.Storage.Boards;
using Moderation.Storage.Incidents;
using Moderation.Storage.Orders;

namespace Moderation.Api.Registrations;

/// <summary>
/// Boards and operators for administrators (every area) and officers (their area): listed,
/// searched, exported as CSV; a board with its status history, incidents and orders.
/// </summary>
public static class BoardsAdminApi
{
    public static RouteGroupBuilder MapBoardsAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/boards").WithTags("Boards");
        group.MapGet("/", ListBoardsAsync);
        group.MapGet("/{boardId}", GetBoardAsync);
        return group;
    }

    public static RouteGroupBuilder MapOperatorsAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/operators").WithTags("Boards");
        group.MapGet("/", ListOperatorsAsync);
        return group;
    }

    /// <summary><paramref name="format"/> <c>csv</c> exports the same rows as a file.</summary>
    internal static async Task<Results<Ok<IReadOnlyList<BoardRow>>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ListBoardsAsync(string? q, string? status, string? format, ClaimsPrincipal user, BoardRegister register, CancellationToken cancellationToken)
    {
        if (!RegistrationsApi.TryStatuses(status, out var statuses, out var problem))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [problem] });
        }

        var rows = await register.BoardsAsync(RegistrationCaller.Of(user), statuses, q, cancellationToken);
        if (rows is null)
        {
            return Incidents.NoJurisdiction.Problem();
        }

        return IsCsv(format)
            ? Csv("boards.csv", BoardRow.CsvHeader, rows.Select(r => r.CsvFields()))
            : TypedResults.Ok(rows);
    }

    internal static async Task<Results<Ok<IReadOnlyList<OperatorRow>>, FileContentHttpResult, ProblemHttpResult>> ListOperatorsAsync(string? q, string? format, ClaimsPrincipal user, BoardRegister register, CancellationToken cancellationToken)
    {
        var rows = await register.OperatorsAsync(RegistrationCaller.Of(user), q, cancellationToken);
        if (rows is null)
        {
            return Incidents.NoJurisdiction.Problem();
        }

        return IsCsv(format)
            ? Csv("operators.csv", OperatorRow.CsvHeader, rows.Select(r => r.CsvFields()))
            : TypedResults.Ok(rows);
    }

    internal static async Task<Results<Ok<BoardDetail>, ProblemHttpResult>> GetBoardAsync(string boardId, ClaimsPrincipal user, BoardRegister register, CancellationToken cancellationToken) =>
        await register.DetailAsync(RegistrationCaller.Of(user), boardId, cancellationToken) is { } detail
            ? TypedResults.Ok(detail)
            : TypedResults.Problem($"No board {boardId} in your area.", statusCode: StatusCodes.Status404NotFound);

    private static bool IsCsv(string? format) => string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);

    private static FileContentHttpResult Csv(string fileName, string[] header, IEnumerable<string?[]> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', header).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        }

        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "text/csv; charset=utf-8", fileName);
    }

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet shows it instead of running it.</summary>
    private static string Quote(string? field)
    {
        var value = field ?? "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny("\",\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

/// <summary>A registered board as the administration lists it.</summary>
public sealed record BoardRow(
    string BoardId, string? BoardName, string? Kind, string? Address, string Status, string? DivisionCode, string? OperatorId,
    string? OrganizingUnit, string? CreditCode, string? ResponsiblePerson, string? ContactEmail, string ApplicationId, string Organizer,
    DateTimeOffset? SubmittedAt, DateTimeOffset? ReviewDueAt, DateTimeOffset UpdatedAt)
{
    internal static readonly string[] CsvHeader =
        ["boardId", "boardName", "kind", "address", "status", "divisionCode", "operatorId", "organizingUnit", "creditCode", "responsiblePerson", "contactEmail", "applicationId", "organizer", "submittedAt", "reviewDueAt", "updatedAt"];

    internal string?[] CsvFields() =>
        [BoardId, BoardName, Kind, Address, Status, DivisionCode, OperatorId, OrganizingUnit, CreditCode, ResponsiblePerson, ContactEmail, ApplicationId, Organizer,
         SubmittedAt?.ToString("O", CultureInfo.InvariantCulture), ReviewDueAt?.ToString("O", CultureInfo.InvariantCulture), UpdatedAt.ToString("O", CultureInfo.InvariantCulture)];

    internal static BoardRow Of(BoardApplication a) => new(
        a.BoardId!, a.Form.BoardName, a.Form.Kind, a.Form.Address, a.Status.ToString(), a.DivisionCode, a.OperatorId, a.Form.OrganizingUnit, a.Form.CreditCode,
        a.Form.ResponsiblePerson, a.Form.ContactEmail, a.ApplicationId, a.Organizer, a.SubmittedAt, a.Status.AwaitsDecision() ? a.ReviewDueAt : null, a.UpdatedAt);
}

/// <summary>An operator (the integration an organizing unit publishes through) with its boards in the caller's area.</summary>
public sealed record OperatorRow(string OperatorId, string? OrganizingUnit, string? CreditCode, string Organizer, IReadOnlyList<string> Boards, int ApprovedBoards)
{
    internal static readonly string[] CsvHeader = ["operatorId", "organizingUnit", "creditCode", "organizer", "boards", "approvedBoards"];

    internal string?[] CsvFields() =>
        [OperatorId, OrganizingUnit, CreditCode, Organizer, string.Join(' ', Boards), ApprovedBoards.ToString(CultureInfo.InvariantCulture)];
}

/// <summary>A board's page: its application, the status the scanners see, its history, incidents and orders.</summary>
public sealed record BoardDetail
{
    public required BoardRow Board { get; init; }

    /// <summary>The status admission uses (the boards table); it differs from the application's only if an order suspended the board.</summary>
    public string? AdmissionStatus { get; init; }

    public IReadOnlyList<ApplicationEvent> History { get; init; } = [];

    public IReadOnlyList<IncidentSummary> Incidents { get; init; } = [];

    public IReadOnlyList<RectificationOrder> Rectifications { get; init; } = [];

    public IReadOnlyList<TakedownOrder> Takedowns { get; init; } = [];
}

/// <summary>The administration's read side over registrations, incidents and orders, scoped to the caller's area.</summary>
public sealed class BoardRegister(RegistrationWorkflow workflow, BoardRepository boards, IncidentRepository incidents, OrderRepository orders)
{
    private const int PerBoardLimit = 500;

    public async Task<IReadOnlyList<BoardRow>?> BoardsAsync(RegistrationCaller caller, IReadOnlyCollection<ApplicationStatus> statuses, string? search, CancellationToken cancellationToken) =>
        await workflow.ListForAreaAsync(caller, statuses, search, cancellationToken) is { } listed ? [.. listed.Select(BoardRow.Of)] : null;

    public async Task<IReadOnlyList<OperatorRow>?> OperatorsAsync(RegistrationCaller caller, string? search, CancellationToken cancellationToken)
    {
        if (await workflow.ListForAreaAsync(caller, [], search, cancellationToken) is not { } listed)
        {
            return null;
        }

        return [.. listed.GroupBy(a => a.OperatorId!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new OperatorRow(
            g.Key, g.First().Form.OrganizingUnit, g.First().Form.CreditCode, g.First().Organizer,
            [.. g.Select(a => a.BoardId!).Order(StringComparer.Ordinal)], g.Count(a => a.Status == ApplicationStatus.Approved)))];
    }

    public async Task<BoardDetail?> DetailAsync(RegistrationCaller caller, string boardId, CancellationToken cancellationToken)
    {
        if (await workflow.FindBoardForOfficerAsync(caller, boardId, cancellationToken) is not { } application)
        {
            return null;
        }

        // Orders carry the issuing officer's area, which may lie above the board's division: list the caller's area, then keep this board's.
        var division = caller.Area!;
        return new BoardDetail
        {
            Board = BoardRow.Of(application),
            AdmissionStatus = (await boards.FindAsync(boardId, cancellationToken))?.Status.ToString(),
            History = await workflow.HistoryAsync(application, cancellationToken),
            Incidents = [.. (await incidents.ListAsync(division, PerBoardLimit, cancellationToken)).Where(i => i.BoardId == boardId)],
            Rectifications = [.. (await orders.ListRectificationsAsync(division, PerBoardLimit, cancellationToken)).Where(o => o.BoardId == boardId)],
            Takedowns = [.. (await orders.ListTakedownsAsync(division, PerBoardLimit, cancellationToken)).Where(o => o.Targets.Any(t => t.BoardId == boardId))],
        };
    }
}
