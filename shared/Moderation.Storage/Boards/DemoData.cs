namespace Moderation.Storage.Boards;

/// <summary>
/// A demo operator with one approved and one suspended board, so a fresh install can be tried at
/// once. A host with the Api registers them through its registration workflow (applied for by
/// <see cref="Organizer"/>, approved by <c>system</c>); <see cref="SeedAsync"/> writes the rows
/// directly for a host without it.
/// </summary>
public static class DemoData
{
    public const string OperatorId = "forum-demo";
    public const string ApprovedBoardId = "demo-board";
    public const string SuspendedBoardId = "demo-suspended";

    /// <summary>The demo organizer account that applied for the demo boards.</summary>
    public const string Organizer = "organizer";

    /// <summary>The demo organizing unit's unified social credit code (GB 32100; valid check character).</summary>
    public const string CreditCode = "91110105MA01DE7X27";

    /// <summary>Chaoyang District, Beijing (GB/T 2260).</summary>
    public const string DivisionCode = "110105";

    public static async Task SeedAsync(BoardRepository boards, CancellationToken cancellationToken)
    {
        await boards.SaveOperatorAsync(new ForumOperator
        {
            OperatorId = OperatorId,
            Name = "Demo forum operator",
            AmqpUser = OperatorId,
            VerdictQueue = ForumOperator.DefaultVerdictQueue(OperatorId),
        }, cancellationToken);
        await boards.SaveAsync(ApprovedBoardId, OperatorId, "Demo board", "Bbs", DivisionCode, BoardStatus.Approved, cancellationToken);
        await boards.SaveAsync(SuspendedBoardId, OperatorId, "Demo board (suspended)", "Bbs", DivisionCode, BoardStatus.Suspended, cancellationToken);
    }
}
