using System.ComponentModel.DataAnnotations;

namespace Moderation.Scanner;

/// <summary>Bound from <c>Moderation:Scanner</c>.</summary>
public sealed class ScannerOptions : IValidatableObject
{
    public const string Section = "Moderation:Scanner";

    /// <summary>Scores at or above this hold the post for a moderator.</summary>
    [Range(0.0, 1.0)]
    public double HoldThreshold { get; set; } = 0.5;

    /// <summary>Scores at or above this remove the post and open an incident.</summary>
    [Range(0.0, 1.0)]
    public double RemoveThreshold { get; set; } = 0.9;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HoldThreshold <= 0 || HoldThreshold > RemoveThreshold)
        {
            yield return new ValidationResult(
                $"Moderation:Scanner:HoldThreshold ({HoldThreshold}) must be above 0 and not above RemoveThreshold ({RemoveThreshold}).",
                [nameof(HoldThreshold), nameof(RemoveThreshold)]);
        }
    }
}
