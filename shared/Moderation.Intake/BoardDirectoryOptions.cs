using System.ComponentModel.DataAnnotations;

namespace Moderation.Intake;

/// <summary>Bound from <c>Moderation:Boards</c>.</summary>
public sealed class BoardDirectoryOptions
{
    public const string Section = "Moderation:Boards";

    /// <summary>How long a board's status may be served from the cache; a suspension takes at most this long to bite.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long "no such board" is remembered, so a flood of posts for an unknown board does not hit the database.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheMissFor { get; set; } = TimeSpan.FromSeconds(10);
}
