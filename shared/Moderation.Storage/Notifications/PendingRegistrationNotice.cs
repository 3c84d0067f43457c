namespace Moderation.Storage.Notifications;

/// <summary>An organizer's notice claimed for mailing; <see cref="Attempts"/> counts this attempt and fences the claim.</summary>
public sealed record PendingRegistrationNotice
{
    public long NoticeId { get; init; }

    public string ApplicationId { get; init; } = "";

    public string Organizer { get; init; } = "";

    /// <summary>The application's contact address when the transition happened.</summary>
    public string Email { get; init; } = "";

    public string Subject { get; init; } = "";

    public string Body { get; init; } = "";

    public int Attempts { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
