using Moderation.Contracts;
using Moderation.Storage.Boards;

namespace Moderation.Intake;

/// <summary>Why a board may not publish, said the same way over HTTP and over the queue.</summary>
public static class BoardAdmission
{
    /// <summary>Null when the board is registered and approved; otherwise the rejection code and a reason a person can act on.</summary>
    public static (RejectionCode Code, string Reason)? Refusal(string boardId, Board? board) => board switch
    {
        null => (RejectionCode.UnknownBoard,
            $"Board '{boardId}' is not registered. Register the board and wait for its approval before publishing its posts."),
        { Status: BoardStatus.Approved } => null,
        { Status: BoardStatus.Suspended or BoardStatus.Revoked } => (RejectionCode.BoardSuspended,
            $"Board '{boardId}' is {board.Status.ToString().ToLowerInvariant()}: it may not publish until the security department restores its approval."),
        _ => (RejectionCode.BoardNotApproved,
            $"Board '{boardId}' is not approved yet (registration state: {board.Status}). Posts are scanned once the security department approves it."),
    };
}
