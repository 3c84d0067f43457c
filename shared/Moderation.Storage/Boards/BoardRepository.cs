using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Storage.Boards;

public sealed class BoardRepository(ModerationDatabase database, TimeProvider time)
{
    public async Task<Board?> FindAsync(string boardId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT b.board_id, b.name, b.operator_id, o.amqp_user AS operator_amqp_user, o.verdict_queue,
                   b.channel, b.division_code, b.status
            FROM boards b
            JOIN operators o ON o.operator_id = b.operator_id
            WHERE b.board_id = @boardId
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<BoardRow>(new CommandDefinition(Sql, new { boardId }, cancellationToken: cancellationToken));
        return row?.ToBoard();
    }

    /// <summary>The operator that publishes as this RabbitMQ user, if any.</summary>
    public async Task<ForumOperator?> FindOperatorByAmqpUserAsync(string amqpUser, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT operator_id, name, amqp_user, verdict_queue
            FROM operators
            WHERE amqp_user = @amqpUser
            ORDER BY operator_id
            LIMIT 1
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ForumOperator>(new CommandDefinition(Sql, new { amqpUser }, cancellationToken: cancellationToken));
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

    /// <summary>Creates the board or updates its details and status (registration arrives in a later version).</summary>
    public async Task SaveAsync(string boardId, string operatorId, string name, string channel, string divisionCode, BoardStatus status, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO boards (board_id, operator_id, name, channel, division_code, status, created_at, updated_at)
            VALUES (@boardId, @operatorId, @name, @channel, @divisionCode, @Status, @Now, @Now)
            ON CONFLICT (board_id) DO UPDATE
               SET operator_id = excluded.operator_id, name = excluded.name, channel = excluded.channel,
                   division_code = excluded.division_code, status = excluded.status, updated_at = excluded.updated_at
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
        };
    }
}
