namespace Moderation.Storage.Review;

/// <summary>Why a case was opened.</summary>
public static class ReviewCaseKind
{
    /// <summary>The scan held the post: it waits unpublished for a moderator.</summary>
    public const string Hold = "Hold";

    /// <summary>The scan removed the post and opened an incident: a moderator confirms or releases it.</summary>
    public const string Remove = "Remove";
}
