using System.ComponentModel.DataAnnotations;

namespace Moderation.Scanner;

/// <summary>Bound from <c>Moderation:Scanner</c>.</summary>
public sealed class ScannerOptions : IValidatableObject
{
    public const string Section = "Moderation:Scanner";

    /// <summary>
    /// Scores at or above this hold the post for a moderator. Unset (the default), the active rule
    /// set's <c>policy.hold</c> decides, which is where a department tunes it; set, it overrides every rule set.
    /// </summary>
    [Range(0.0, 1.0)]
    public double? HoldThreshold { get; set; }

    /// <summary>Scores at or above this (with corroboration) remove the post and open an incident; unset, the rule set's <c>policy.remove</c>.</summary>
    [Range(0.0, 1.0)]
    public double? RemoveThreshold { get; set; }

    /// <summary>
    /// At most this many scans saved in one transaction (<c>ScanBatcher</c>). A batch is what waits
    /// when a flush begins, so it only fills when posts arrive faster than a flush; to fill it, the
    /// post consumer must run at least this many messages at once (<c>Moderation:Messaging:ConcurrentMessageLimit</c>).
    /// </summary>
    [Range(1, 500)]
    public int WriteBatchSize { get; set; } = 100;

    /// <summary>Batches written at once, each on its own connection: while one commits, the next fills.</summary>
    [Range(1, 16)]
    public int ConcurrentWriteBatches { get; set; } = 2;

    /// <summary>The thresholds for <paramref name="ruleSet"/>: its policy's, with whatever this configuration overrides.</summary>
    public Moderation.Detection.DecisionThresholds ThresholdsFor(Moderation.Detection.RuleSet ruleSet) => new(
        HoldThreshold ?? ruleSet.Policy.Thresholds.Hold,
        RemoveThreshold ?? ruleSet.Policy.Thresholds.Remove);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HoldThreshold is <= 0 || (HoldThreshold is { } hold && RemoveThreshold is { } remove && hold > remove))
        {
            yield return new ValidationResult(
                $"Moderation:Scanner:HoldThreshold ({HoldThreshold}) must be above 0 and not above RemoveThreshold ({RemoveThreshold}).",
                [nameof(HoldThreshold), nameof(RemoveThreshold)]);
        }
    }
}
