using System.ComponentModel.DataAnnotations;

namespace Moderation.Api.Registrations;

/// <summary><c>Moderation:Registration</c>: review deadlines and credential rotation.</summary>
public sealed class RegistrationOptions
{
    public const string Section = "Moderation:Registration";

    /// <summary>
    /// Working days the department has to decide after a submission: 20, as the Administrative
    /// Licensing Law gives for a licensing decision (Art. 42, working days per Art. 82).
    /// </summary>
    [Range(1, 120)]
    public int ReviewWorkingDays { get; set; } = 20;

    /// <summary>How long the old API key and broker user keep working after a rotation, unless the organizer asks for less.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan CredentialOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The longest overlap an organizer may ask for.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan MaxCredentialOverlap { get; set; } = TimeSpan.FromDays(7);
}
