using MassTransit;
using Microsoft.Extensions.Options;

namespace Moderation.Hosting.Messaging;

/// <summary>
/// Who published a message, as the broker vouches for it: RabbitMQ refuses a <c>user_id</c>
/// property that differs from the user the publisher connected as, so it cannot be forged.
/// </summary>
public sealed class OperatorIdentity(TransportInfo transport, IOptions<MessagingOptions> options)
{
    /// <summary>The validated publisher, or null when the transport has no such notion (in memory) or the property was not set.</summary>
    public static string? PublisherOf(ConsumeContext context) =>
        context.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) && !string.IsNullOrEmpty(rabbit.Properties.UserId)
            ? rabbit.Properties.UserId
            : null;

    /// <summary>Whether the transport authenticates publishers at all.</summary>
    public bool VerifiesPublishers => transport.Kind == TransportKind.RabbitMq;

    /// <summary>The services' own users, which may publish for any board.</summary>
    public bool IsTrusted(string publisher) =>
        publisher == transport.ServiceUser || options.Value.TrustedPublishers.Contains(publisher, StringComparer.Ordinal);

    /// <summary>Stamps a message with this service's own user, so consumers can tell it came from a trusted service.</summary>
    public void StampServiceUser(SendContext context)
    {
        if (transport.ServiceUser is { } user && context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
        {
            rabbit.BasicProperties.UserId = user;
        }
    }
}
