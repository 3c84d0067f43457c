using System.Data.Common;
using System.Text.Json;
using Dapper;
using Moderation.Api.Registrations.Rules;
using Moderation.Storage.Audit;
using Moderation.Storage.Boards;
using Moderation.Storage.Database;
using Moderation.Verdicts.Divisions;

namespace Moderation.Api.Registrations;

/// <summary>
/// The registration tables (migration 0009): applications, their transitions and the organizer's
/// notices. A transition is one transaction: the application's new status (fenced by its version),
/// the board's status, the history row, the notice and the audit row.
/// </summary>
public sealed class RegistrationStore(ModerationDatabase database, AuditLog audit, TimeProvider time)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private const string Columns = """
        application_id, organizer, status, form_json, version, submitted_at, review_due_at, created_at, updated_at
        """;

    public async Task<BoardApplication> CreateDraftAsync(string organizer, ApplicationForm form, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var application = new BoardApplication
        {
            ApplicationId = "app-" + Guid.NewGuid().ToString("N")[..16],
            Organizer = organizer,
            Status = ApplicationStatus.Draft,
            Form = form,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        const string Sql = """
            INSERT INTO board_applications (application_id, organizer, board_id, operator_id, division_code, board_name, organizing_unit, credit_code,
                                            status, form_json, version, created_at, updated_at)
            VALUES (@ApplicationId, @Organizer, @BoardId, @OperatorId, @DivisionCode, @BoardName, @OrganizingUnit, @CreditCode,
                    @Status, @FormJson, @Version, @CreatedAt, @UpdatedAt)
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, Parameters(application), cancellationToken: cancellationToken));
        return application;
    }

    /// <summary>Replaces the form if the application is still at <paramref name="expectedVersion"/>; false when someone changed it first.</summary>
    public async Task<bool> UpdateFormAsync(string applicationId, int expectedVersion, ApplicationForm form, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE board_applications
               SET form_json = @FormJson, board_id = @BoardId, operator_id = @OperatorId, division_code = @DivisionCode,
                   board_name = @BoardName, organizing_unit = @OrganizingUnit, credit_code = @CreditCode,
                   version = version + 1, updated_at = @now
             WHERE application_id = @applicationId AND version = @expectedVersion
            """;
        var values = Parameters(new BoardApplication { ApplicationId = applicationId, Organizer = "", Form = form });
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            values.FormJson, values.BoardId, values.OperatorId, values.DivisionCode, values.BoardName, values.OrganizingUnit, values.CreditCode,
            now = time.GetUtcNow(), applicationId, expectedVersion,
        }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<BoardApplication?> FindAsync(string applicationId, CancellationToken cancellationToken)
    {
        const string Sql = $"SELECT {Columns} FROM board_applications WHERE application_id = @applicationId";
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition(Sql, new { applicationId }, cancellationToken: cancellationToken));
        return row?.ToApplication();
    }

    public async Task<BoardApplication?> FindByBoardAsync(string boardId, CancellationToken cancellationToken)
    {
        const string Sql = $"SELECT {Columns} FROM board_applications WHERE board_id = @boardId";
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition(Sql, new { boardId }, cancellationToken: cancellationToken));
        return row?.ToApplication();
    }

    public async Task<IReadOnlyList<BoardApplication>> ListForOrganizerAsync(string organizer, CancellationToken cancellationToken)
    {
        const string Sql = $"SELECT {Columns} FROM board_applications WHERE organizer = @organizer ORDER BY updated_at DESC LIMIT 500";
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. (await connection.QueryAsync<ApplicationRow>(new CommandDefinition(Sql, new { organizer }, cancellationToken: cancellationToken))).Select(r => r.ToApplication())];
    }

    /// <summary>
    /// Submitted applications and boards within <paramref name="area"/> (drafts are the organizer's
    /// alone), optionally of some statuses and matching <paramref name="search"/> in board id or name,
    /// unit, credit code or operator; the ones awaiting a decision first, earliest deadline first.
    /// </summary>
    public async Task<IReadOnlyList<BoardApplication>> ListForAreaAsync(string area, IReadOnlyCollection<ApplicationStatus> statuses, string? search, int limit, CancellationToken cancellationToken)
    {
        var wanted = statuses.Count == 0 ? null : statuses.Select(s => s.ToString()).ToArray();
        const string Sql = $"""
            SELECT {Columns} FROM board_applications
            WHERE status <> 'Draft' AND division_code LIKE @pattern
              AND (@statuses IS NULL OR ',' || @statuses || ',' LIKE '%,' || status || ',%')
              AND (@search IS NULL OR LOWER(board_id) LIKE @search OR LOWER(board_name) LIKE @search OR LOWER(organizing_unit) LIKE @search
                   OR LOWER(credit_code) LIKE @search OR LOWER(operator_id) LIKE @search)
            ORDER BY CASE WHEN status IN ('Submitted', 'UnderReview') THEN 0 ELSE 1 END, review_due_at, updated_at DESC
            LIMIT @limit
            """;
        var parameters = new
        {
            pattern = DivisionCode.AreaPattern(area),
            statuses = wanted is null ? null : string.Join(',', wanted),
            search = string.IsNullOrWhiteSpace(search) ? null : "%" + search.Trim().ToLowerInvariant().Replace("%", "", StringComparison.Ordinal) + "%",
            limit,
        };

        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. (await connection.QueryAsync<ApplicationRow>(new CommandDefinition(Sql, parameters, cancellationToken: cancellationToken))).Select(r => r.ToApplication())];
    }

    /// <summary>Whether a board other than this application's already has <paramref name="boardId"/>, or another application claims it.</summary>
    public async Task<bool> BoardIdTakenAsync(string boardId, string applicationId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT (SELECT COUNT(*) FROM board_applications WHERE board_id = @boardId AND application_id <> @applicationId)
                 + (SELECT COUNT(*) FROM boards b WHERE b.board_id = @boardId
                      AND NOT EXISTS (SELECT 1 FROM board_applications a WHERE a.board_id = b.board_id AND a.application_id = @applicationId))
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql, new { boardId, applicationId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Whether another organizer's application already names <paramref name="operatorId"/>, or the operator exists without any application.</summary>
    public async Task<bool> OperatorTakenAsync(string operatorId, string organizer, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT (SELECT COUNT(*) FROM board_applications WHERE operator_id = @operatorId AND organizer <> @organizer)
                 + (SELECT COUNT(*) FROM operators o WHERE o.operator_id = @operatorId
                      AND NOT EXISTS (SELECT 1 FROM board_applications a WHERE a.operator_id = o.operator_id))
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql, new { operatorId, organizer }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Whether any of the operator's boards is approved or suspended: while one is, its credentials stay.</summary>
    public async Task<bool> OperatorKeepsCredentialsAsync(string operatorId, CancellationToken cancellationToken)
    {
        const string Sql = "SELECT COUNT(*) FROM boards WHERE operator_id = @operatorId AND status IN ('Approved', 'Suspended')";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql, new { operatorId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Records the broker user the operator publishes as (the sender the scanner checks).</summary>
    public async Task SetOperatorBrokerUserAsync(string operatorId, string? amqpUser, CancellationToken cancellationToken)
    {
        const string Sql = "UPDATE operators SET amqp_user = @amqpUser WHERE operator_id = @operatorId";
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { operatorId, amqpUser }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Moves the application from <paramref name="application"/>'s status and version to
    /// <paramref name="to"/>, with the board, history, notice and audit rows, all or nothing. False
    /// when the application changed since it was read (nothing written).
    /// </summary>
    public async Task<bool> TransitionAsync(BoardApplication application, Transition transition, ApplicationStatus to, string actor, string reason, DateTimeOffset? reviewDueAt, (string Subject, string Body) notice, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        const string Update = """
            UPDATE board_applications
               SET status = @to, version = version + 1, updated_at = @now,
                   submitted_at = CASE WHEN @submitted THEN @now ELSE submitted_at END,
                   review_due_at = @reviewDueAt
             WHERE application_id = @ApplicationId AND version = @Version AND status = @from
            """;
        var updated = await connection.ExecuteAsync(new CommandDefinition(Update, new
        {
            to = to.ToString(),
            now,
            submitted = transition == Transition.Submit,
            reviewDueAt,
            application.ApplicationId,
            application.Version,
            from = application.Status.ToString(),
        }, transaction, cancellationToken: cancellationToken));
        if (updated != 1)
        {
            return false;
        }

        if (transition == Transition.Submit)
        {
            await SaveBoardAsync(connection, transaction, application.Form, now, cancellationToken);
        }

        // The policy on republished material is the approved form's; a reinstatement or suspension keeps it.
        const string Board = """
            UPDATE boards SET status = @status, updated_at = @now,
                   republication_requires_consent = CASE WHEN @approve THEN @consent ELSE republication_requires_consent END
             WHERE board_id = @boardId
            """;
        await connection.ExecuteAsync(new CommandDefinition(Board, new
        {
            status = to.BoardStatus()!.Value.ToString(),
            now,
            approve = transition == Transition.Approve,
            consent = application.Form.RepublicationRequiresConsent,
            boardId = application.BoardId,
        }, transaction, cancellationToken: cancellationToken));

        const string Event = """
            INSERT INTO board_application_events (application_id, transition, from_status, to_status, actor, reason, occurred_at)
            VALUES (@ApplicationId, @transition, @from, @to, @actor, @reason, @now)
            """;
        await connection.ExecuteAsync(new CommandDefinition(Event, new { application.ApplicationId, transition = transition.ToString(), from = application.Status.ToString(), to = to.ToString(), actor, reason, now }, transaction, cancellationToken: cancellationToken));

        const string Notice = """
            INSERT INTO registration_notices (application_id, organizer, email, subject, body, created_at, next_attempt_at)
            VALUES (@ApplicationId, @Organizer, @email, @subject, @body, @now, @now)
            """;
        await connection.ExecuteAsync(new CommandDefinition(Notice, new { application.ApplicationId, application.Organizer, email = application.Form.ContactEmail, subject = notice.Subject, body = notice.Body, now }, transaction, cancellationToken: cancellationToken));

        var detail = JsonSerializer.Serialize(new { boardId = application.BoardId, operatorId = application.OperatorId, divisionCode = application.DivisionCode, from = application.Status.ToString(), to = to.ToString(), reason });
        await audit.AppendAsync(connection, transaction, new AuditEntry(actor, "registration." + JsonNamingPolicy.KebabCaseLower.ConvertName(transition.ToString()), $"application:{application.ApplicationId}", detail), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<ApplicationEvent>> HistoryAsync(string applicationId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT event_id, transition, from_status, to_status, actor, reason, occurred_at
            FROM board_application_events WHERE application_id = @applicationId ORDER BY event_id
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ApplicationEvent>(new CommandDefinition(Sql, new { applicationId }, cancellationToken: cancellationToken))];
    }

    public async Task<IReadOnlyList<RegistrationNotice>> NoticesAsync(string organizer, int limit, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT notice_id, application_id, subject, body, created_at, mailed_at
            FROM registration_notices WHERE organizer = @organizer ORDER BY notice_id DESC LIMIT @limit
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<RegistrationNotice>(new CommandDefinition(Sql, new { organizer, limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>The operator (created at its first board's submission; its name is the organizing unit) and the board with the form's details.</summary>
    private static async Task SaveBoardAsync(DbConnection connection, DbTransaction transaction, ApplicationForm form, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string Operator = """
            INSERT INTO operators (operator_id, name, verdict_queue, created_at)
            VALUES (@operatorId, @name, @queue, @now)
            ON CONFLICT (operator_id) DO UPDATE SET name = excluded.name
            """;
        await connection.ExecuteAsync(new CommandDefinition(Operator, new
        {
            operatorId = form.EffectiveOperatorId,
            name = form.OrganizingUnit,
            queue = ForumOperator.DefaultVerdictQueue(form.EffectiveOperatorId!),
            now,
        }, transaction, cancellationToken: cancellationToken));
        const string Board = """
            INSERT INTO boards (board_id, operator_id, name, channel, division_code, status, created_at, updated_at)
            VALUES (@BoardId, @operatorId, @BoardName, @channel, @DivisionCode, 'Submitted', @now, @now)
            ON CONFLICT (board_id) DO UPDATE
               SET name = excluded.name, channel = excluded.channel, division_code = excluded.division_code, updated_at = excluded.updated_at
            """;
        await connection.ExecuteAsync(new CommandDefinition(Board, new
        {
            form.BoardId,
            operatorId = form.EffectiveOperatorId,
            form.BoardName,
            channel = Enum.GetNames<Moderation.Contracts.Channel>().First(n => string.Equals(n, form.Kind, StringComparison.OrdinalIgnoreCase)),
            form.DivisionCode,
            now,
        }, transaction, cancellationToken: cancellationToken));
    }

    private static ApplicationParameters Parameters(BoardApplication application) => new()
    {
        ApplicationId = application.ApplicationId,
        Organizer = application.Organizer,
        BoardId = application.Form.BoardId,
        OperatorId = application.Form.EffectiveOperatorId,
        DivisionCode = application.Form.DivisionCode,
        BoardName = application.Form.BoardName,
        OrganizingUnit = application.Form.OrganizingUnit,
        CreditCode = application.Form.CreditCode,
        Status = application.Status.ToString(),
        FormJson = JsonSerializer.Serialize(application.Form, JsonOptions),
        Version = application.Version,
        CreatedAt = application.CreatedAt,
        UpdatedAt = application.UpdatedAt,
    };

    private sealed class ApplicationParameters
    {
        public string ApplicationId { get; init; } = "";

        public string Organizer { get; init; } = "";

        public string? BoardId { get; init; }

        public string? OperatorId { get; init; }

        public string? DivisionCode { get; init; }

        public string? BoardName { get; init; }

        public string? OrganizingUnit { get; init; }

        public string? CreditCode { get; init; }

        public string Status { get; init; } = "";

        public string FormJson { get; init; } = "";

        public int Version { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset UpdatedAt { get; init; }
    }

    private sealed class ApplicationRow
    {
        public string ApplicationId { get; init; } = "";

        public string Organizer { get; init; } = "";

        public string Status { get; init; } = "";

        public string FormJson { get; init; } = "";

        public int Version { get; init; }

        public DateTimeOffset? SubmittedAt { get; init; }

        public DateTimeOffset? ReviewDueAt { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset UpdatedAt { get; init; }

        public BoardApplication ToApplication() => new()
        {
            ApplicationId = ApplicationId,
            Organizer = Organizer,
            Status = Enum.Parse<ApplicationStatus>(Status),
            Form = JsonSerializer.Deserialize<ApplicationForm>(FormJson, JsonOptions)!,
            Version = Version,
            SubmittedAt = SubmittedAt,
            ReviewDueAt = ReviewDueAt,
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
        };
    }
}
