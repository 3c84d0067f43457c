namespace Moderation.Contracts;

/// <summary>What the forum must do with the post.</summary>
public enum VerdictAction
{
    /// <summary>Show the post.</summary>
    Publish = 0,

    /// <summary>Keep the post hidden until a moderator decides.</summary>
    Hold = 1,

    /// <summary>Remove the post; an incident has been opened.</summary>
    Remove = 2,
}
