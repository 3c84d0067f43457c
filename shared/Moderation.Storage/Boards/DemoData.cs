namespace Moderation.Storage.Boards;

/// <summary>
/// A demo operator with one approved and one suspended board, so a fresh install can be tried at
/// once. Registration (a later feature) replaces this for real boards.
/// </summary>
public static class DemoData
{
    public const string OperatorId = "forum-demo";
    public const string ApprovedBoardId = "demo-board";
    public const string SuspendedBoardId = "demo-suspended";

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
