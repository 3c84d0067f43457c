namespace Moderation.Hosting.Messaging;

/// <summary>An <c>amqp://user:password@host:port/vhost</c> connection string, taken apart.</summary>
public sealed record RabbitMqEndpoint(string Host, ushort Port, string VirtualHost, string User, string Password)
{
    public static RabbitMqEndpoint Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new FormatException(
                "ConnectionStrings:RabbitMq must be an AMQP URL such as amqp://user:password@127.0.0.1:5672/vhost.");
        }

        var credentials = uri.UserInfo.Split(':', 2);
        var user = Uri.UnescapeDataString(credentials[0]);
        var password = credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "";
        var virtualHost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new RabbitMqEndpoint(
            uri.Host,
            uri.IsDefaultPort ? (ushort)5672 : (ushort)uri.Port,
            virtualHost.Length == 0 ? "/" : virtualHost,
            user.Length == 0 ? "guest" : user,
            user.Length == 0 ? "guest" : password);
    }
}
