using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Moderation.Hosting.Messaging;

/// <summary>Bound from <c>Moderation:Messaging</c>.</summary>
public sealed class MessagingOptions : IValidatableObject
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

    /// <summary>
    /// The other nodes of a RabbitMQ cluster, as <c>host:port</c>, besides the node of
    /// <c>ConnectionStrings:RabbitMq</c> (whose user, password and virtual host they share). The bus
    /// connects to the first node that answers, in turn from the connection string's, and moves to
    /// another when its node goes down; the quorum queues live on every node.
    /// </summary>
    public List<string> ClusterNodes { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < ClusterNodes.Count; i++)
        {
            if (!IsHostAndPort(ClusterNodes[i]))
            {
                yield return new ValidationResult(
                    $"{Section}:{nameof(ClusterNodes)}:{i} '{ClusterNodes[i]}' is not a host:port such as 10.0.0.2:5672 (user, password and virtual host come from ConnectionStrings:RabbitMq).",
                    [nameof(ClusterNodes)]);
            }
        }
    }

    /// <summary>A host name or IPv4 address and a port from 1 to 65535, as MassTransit's cluster configuration takes them.</summary>
    private static bool IsHostAndPort(string? node)
    {
        var separator = node?.LastIndexOf(':') ?? -1;
        if (node is null || separator <= 0 || node.IndexOf(':') != separator)
        {
            return false;
        }

        var host = node[..separator];
        return Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4
            && int.TryParse(node[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is >= 1 and <= 65535;
    }
}
