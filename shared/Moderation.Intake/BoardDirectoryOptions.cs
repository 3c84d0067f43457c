using System.ComponentModel.DataAnnotations;

namespace Moderation.Intake;

/// <summary>Bound from <c>Moderation:Boards</c>.</summary>
public sealed class BoardDirectoryOptions
{
    public const string Section = "Moderation:Boards";

    /// <summary>How long a board's status may be served from the cache; a suspension takes at most this long to bite.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long each process serves a board it looked up from its own memory, before asking the
    /// shared cache again. A board suspended or revoked in another process keeps being admitted
    /// here for at most this long (its shared entry is dropped at once). Off (0) by default: a
    /// suspension must bite on the board's next post in every process, and with the memory on a
    /// scanner admitted the next post after an officer's suspension through the Api
    /// (<c>NotifierPipelineSpecs</c>); the memory saves about half of Redis's CPU a post, which is
    /// 0.01 ms (README, "Figures"), for a deployment that accepts the delay.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan LocalCacheFor { get; set; } = TimeSpan.Zero;

    /// <summary>How long "no such board" is remembered, so a flood of posts for an unknown board does not hit the database.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheMissFor { get; set; } = TimeSpan.FromSeconds(10);
}
