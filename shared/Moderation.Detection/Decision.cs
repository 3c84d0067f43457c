namespace Moderation.Detection;

/// <summary>What should happen to a scanned post.</summary>
public enum Decision
{
    /// <summary>Nothing suspicious enough: show the post.</summary>
    Publish,

    /// <summary>Suspicious: hide the post until a moderator decides.</summary>
    Hold,

    /// <summary>Near-certain leak: remove the post and open an incident.</summary>
    Remove,
}
