namespace Moderation.Hosting.Messaging;

public enum TransportKind
{
    /// <summary>In process; the standalone host and consumer tests.</summary>
    InMemory,

    /// <summary>The real broker; every distributed deployment.</summary>
    RabbitMq,
}
