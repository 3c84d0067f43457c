namespace Moderation.Onboarding;

/// <summary>
/// A forum's credentials, shown once: the API key for HTTP ingest and, when the deployment has a
/// broker, the broker user and password. Earlier credentials work until <see cref="PreviousValidUntil"/>.
/// The Api answers with it; <see cref="RegistrationClient"/> reads it.
/// </summary>
public sealed record IssuedCredentials
{
    public required string OperatorId { get; init; }

    public required string ApiKey { get; init; }

    public required string ApiKeyId { get; init; }

    public string? BrokerUser { get; init; }

    public string? BrokerPassword { get; init; }

    /// <summary>The operator's own queue for verdicts and rejections.</summary>
    public required string VerdictQueue { get; init; }

    public DateTimeOffset? PreviousValidUntil { get; init; }
}
