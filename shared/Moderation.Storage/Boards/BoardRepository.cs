using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Storage.Boards;

public sealed class BoardRepository(ModerationDatabase database, TimeProvider time)
{
    public async Task<Board?> FindAsync(string boardId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT b.board_id, b.name, b.operator_id, o.amqp_user AS operator_amqp_user, o.verdict_queue,
                   b.channel, b.division_code, b.status, b.republication_requires_consent
            FROM boards b
            JOIN operators o ON o.operator_id = b.operator_id
            WHERE b.board_id = @boardId
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<BoardRow>(new CommandDefinition(Sql, new { boardId }, cancellationToken: cancellationToken));
        return row?.ToBoard();
    }

    /// <summary>
    /// The operator that publishes as this RabbitMQ user, if any: the user configured for the
    /// operator (<c>operators.amqp_user</c>, as deployments set it before users were issued), or any
    /// live user issued to it (<see cref="BrokerUserRepository"/>), so that during a rotation's
    /// overlap the old and the new user both count.
    /// </summary>
    public async Task<ForumOperator?> FindOperatorByAmqpUserAsync(string amqpUser, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT operator_id, name, amqp_user, verdict_queue FROM (
                SELECT o.operator_id, o.name, o.amqp_user, o.verdict_queue
                FROM operators o
                WHERE o.amqp_user = @amqpUser
                UNION ALL
                SELECT o.operator_id, o.name, o.amqp_user, o.verdict_queue
                FROM broker_users u
                JOIN operators o ON o.operator_id = u.operator_id
                WHERE u.user_name = @amqpUser AND u.retired_at IS NULL AND (u.expires_at IS NULL OR u.expires_at > @now)
            ) senders
            ORDER BY operator_id
            LIMIT 1
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ForumOperator>(new CommandDefinition(Sql, new { amqpUser, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Stops the operator's configured RabbitMQ user from counting as the operator (on revocation:
    /// the deployment that configured the user deletes it at the broker).
    /// </summary>
    public async Task ForgetConfiguredAmqpUserAsync(string operatorId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE operators SET amqp_user = NULL WHERE operator_id = @operatorId", new { operatorId }, cancellationToken: cancellationToken));
    }

    public async Task SaveOperatorAsync(ForumOperator forumOperator, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO operators (operator_id, name, amqp_user, verdict_queue, created_at)
            VALUES (@OperatorId, @Name, @AmqpUser, @VerdictQueue, @Now)
            ON CONFLICT (operator_id) DO UPDATE
               SET name = excluded.name, amqp_user = excluded.amqp_user, verdict_queue = excluded.verdict_queue
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            forumOperator.OperatorId,
            forumOperator.Name,
            forumOperator.AmqpUser,
            forumOperator.VerdictQueue,
            Now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
    }

    /// <summary>Creates the board or updates its details and status, outside the registration workflow (tests, imports).</summary>
    /// <param name="republicationRequiresConsent">The board's policy on republished material (see <see cref="Board.RepublicationRequiresConsent"/>); null keeps an existing board's.</param>
    public async Task SaveAsync(string boardId, string operatorId, string name, string channel, string divisionCode, BoardStatus status, CancellationToken cancellationToken, bool? republicationRequiresConsent = null)
    {
        // Without the argument a new board does not ask for consent and an existing one keeps its policy.
        const string Sql = """
            INSERT INTO boards (board_id, operator_id, name, channel, division_code, status, republication_requires_consent, created_at, updated_at)
            VALUES (@boardId, @operatorId, @name, @channel, @divisionCode, @Status, COALESCE(@republicationRequiresConsent, false), @Now, @Now)
            ON CONFLICT (board_id) DO UPDATE
               SET operator_id = excluded.operator_id, name = excluded.name, channel = excluded.channel,
                   division_code = excluded.division_code, status = excluded.status,
                   republication_requires_consent = COALESCE(@republicationRequiresConsent, boards.republication_requires_consent),
                   updated_at = excluded.updated_at
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            boardId,
            operatorId,
            name,
            channel,
            divisionCode,
            Status = status.ToString(),
            republicationRequiresConsent,
            Now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
    }

    private sealed class BoardRow
    {
        public string BoardId { get; init; } = "";

        public string Name { get; init; } = "";

        public string OperatorId { get; init; } = "";

        public string? OperatorAmqpUser { get; init; }

        public string VerdictQueue { get; init; } = "";

        public string Channel { get; init; } = "";

        public string DivisionCode { get; init; } = "";

        public string Status { get; init; } = "";

        public bool RepublicationRequiresConsent { get; init; }

        public Board ToBoard() => new()
        {
            BoardId = BoardId,
            Name = Name,
            OperatorId = OperatorId,
            OperatorAmqpUser = OperatorAmqpUser,
            VerdictQueue = VerdictQueue,
            Channel = Channel,
            DivisionCode = DivisionCode.Trim(),
            Status = Enum.Parse<BoardStatus>(Status),
            RepublicationRequiresConsent = RepublicationRequiresConsent,
        };
    }
}
