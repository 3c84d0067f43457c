namespace Moderation.Storage.Departments;

/// <summary>How a department receives incident reports.</summary>
public enum EndpointKind
{
    /// <summary>HTTPS POST signed per Standard Webhooks (HMAC-SHA256 over id.timestamp.body).</summary>
    Webhook,

    /// <summary>An e-mail over SMTP.</summary>
    Email,

    /// <summary>A plain JSON message on the department's RabbitMQ queue.</summary>
    Amqp,
}
