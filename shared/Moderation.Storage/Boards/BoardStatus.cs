namespace Moderation.Storage.Boards;

/// <summary>The registration states of a board (DESIGN §8). Only <see cref="Approved"/> boards may publish.</summary>
public enum BoardStatus
{
    Submitted,
    UnderReview,
    ChangesRequested,
    Approved,
    Rejected,
    Suspended,
    Revoked,
}
