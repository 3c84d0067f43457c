using System.ComponentModel.DataAnnotations;

namespace Moderation.Hosting.Messaging;

/// <summary>Bound from <c>Moderation:Messaging</c>.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Moderation:Messaging";

    /// <summary>
    /// How often RabbitMQ redelivers a message whose consumer died before settling it; past that the
    /// quorum queue dead-letters it into <c>&lt;queue&gt;_dead</c> instead of dropping it.
    /// </summary>
    [Range(1, 1000)]
    public int DeliveryLimit { get; set; } = 5;

    /// <summary>Messages fetched ahead per consumer.</summary>
    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 64;

    /// <summary>Messages processed at once per endpoint and process.</summary>
    [Range(1, 1_000)]
    public int ConcurrentMessageLimit { get; set; } = 16;

    /// <summary>
    /// Send verdicts and rejections to the operators' queues. Off in the standalone host, whose
    /// in-memory transport no forum can reach; there, forums read verdicts over HTTP.
    /// </summary>
    public bool DeliverToOperatorQueues { get; set; } = true;

    /// <summary>
    /// RabbitMQ users whose messages are trusted to publish for any board: the services themselves
    /// (the HTTP ingest publishes on behalf of forums it has already authenticated). The user of the
    /// service's own connection string is always trusted.
    /// </summary>
    public List<string> TrustedPublishers { get; set; } = [];

    /// <summary>Where rejections go when the sender's operator cannot be told apart.</summary>
    [Required]
    public string UnroutableRejectionsQueue { get; set; } = "moderation.rejected";
}
