using System.ComponentModel.DataAnnotations;

namespace Moderation.Notifier;

/// <summary>Bound from <c>Moderation:Notifier</c>.</summary>
public sealed class NotifierOptions : IValidatableObject
{
    public const string Section = "Moderation:Notifier";

    /// <summary>How often an idle Notifier looks for due notifications; bounds the added delivery latency.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 32;

    [Range(1, 256)]
    public int MaxParallelDeliveries { get; set; } = 8;

    /// <summary>How long a claimed notification belongs to one Notifier; longer than any delivery may take (see <see cref="DeliveryTimeout"/>).</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Attempts before a notification is dead-lettered with an alert.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 20;

    /// <summary>Delay after the first failure; doubles each time, up to <see cref="MaxBackoff"/>, with jitter.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Allow webhook targets on loopback and private networks (tests, closed networks); off by default against SSRF.</summary>
    public bool AllowPrivateWebhookTargets { get; set; }

    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan DeadlineCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often organizers' registration notices are looked for to mail.</summary>
    public TimeSpan NoticeMailInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often forums' webhooks are checked for new messages to push.</summary>
    public TimeSpan ForumWebhookInterval { get; set; } = TimeSpan.FromSeconds(1);

    public SmtpOptions Smtp { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ClaimDuration <= DeliveryTimeout)
        {
            yield return new ValidationResult(
                $"{Section}:ClaimDuration ({ClaimDuration}) must be longer than {Section}:DeliveryTimeout ({DeliveryTimeout}), or two Notifiers could deliver one notification at once.",
                [nameof(ClaimDuration)]);
        }

        if (PollInterval <= TimeSpan.Zero || ForumWebhookInterval <= TimeSpan.Zero || InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            yield return new ValidationResult(
                $"{Section}:PollInterval, ForumWebhookInterval and InitialBackoff must be positive and MaxBackoff ({MaxBackoff}) at least InitialBackoff ({InitialBackoff}).",
                [nameof(PollInterval), nameof(ForumWebhookInterval), nameof(InitialBackoff), nameof(MaxBackoff)]);
        }
    }
}
