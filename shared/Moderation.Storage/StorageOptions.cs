using System.ComponentModel.DataAnnotations;

namespace Moderation.Storage;

/// <summary>Bound from configuration section <c>Moderation:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Moderation:Storage";

    /// <summary>Apply pending migrations when the service starts (set false where a pre-upgrade job does it).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Create the demo operator and boards at start.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>
    /// How long the writer of an outbox row owns it before a relay may send it instead. Longer than any
    /// send takes, short enough that a crashed writer's verdicts are not late by much.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan OutboxClaimDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Art. 7: a removed or confirmed post's text is purged once its incident was handed off to the
    /// department, and at the latest this long after detection even if no delivery succeeded.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan PurgeTextAfter { get; set; } = TimeSpan.FromHours(24);
}
