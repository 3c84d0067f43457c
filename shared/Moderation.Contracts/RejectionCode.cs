namespace Moderation.Contracts;

/// <summary>Why a post was not accepted for scanning.</summary>
public enum RejectionCode
{
    /// <summary>A field is missing or out of range; <see cref="PostRejected.Reason"/> names it.</summary>
    Malformed = 0,

    /// <summary>No board with that id is registered.</summary>
    UnknownBoard = 1,

    /// <summary>The board is registered but not (yet) approved.</summary>
    BoardNotApproved = 2,

    /// <summary>The board's approval is suspended or revoked; it may not publish.</summary>
    BoardSuspended = 3,

    /// <summary>The message came from an operator that does not run the board.</summary>
    NotBoardOperator = 4,
}
