namespace Moderation.Contracts;

/// <summary>Which step of the process reached the verdict.</summary>
public enum VerdictStage
{
    /// <summary>The automatic scan.</summary>
    Scan = 0,

    /// <summary>A moderator's decision.</summary>
    Review = 1,

    /// <summary>A security department's order.</summary>
    Order = 2,
}
