namespace Moderation.Webhooks;

/// <summary>The outcome of checking a signed webhook.</summary>
public enum WebhookCheck
{
    Valid,
    MissingHeaders,

    /// <summary>Timestamp outside the tolerance: an old message replayed, or a wrong clock.</summary>
    StaleTimestamp,
    BadSignature,

    /// <summary>The exact message (id and timestamp) was already received: a captured request sent again.</summary>
    Replayed,
}
