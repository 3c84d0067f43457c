using System.Net.Http.Headers;
using System.Text;
using Moderation.Hosting.Messaging;

namespace Moderation.Onboarding;

/// <summary>
/// Where the broker's management HTTP API answers, as whom, and the virtual host operators' users
/// are given rights on. Taken from <c>ConnectionStrings:RabbitMqManagement</c>
/// (<c>http://user:password@host:15672/</c>, a user tagged <c>administrator</c>) and the virtual
/// host of <c>ConnectionStrings:RabbitMq</c> unless <c>Moderation:Broker:VirtualHost</c> names another.
/// </summary>
public sealed record BrokerManagementEndpoint(Uri BaseAddress, AuthenticationHeaderValue Authorization, string VirtualHost)
{
    public const string ConnectionStringName = "RabbitMqManagement";

    public static BrokerManagementEndpoint Parse(string managementUrl, string? amqpConnectionString, string? virtualHost)
    {
        if (!Uri.TryCreate(managementUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            throw new FormatException(
                $"ConnectionStrings:{ConnectionStringName} must be the broker's management URL with an administrator's credentials, such as http://user:password@127.0.0.1:15672/.");
        }

        var credentials = uri.UserInfo.Split(':', 2);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.UnescapeDataString(credentials[0])}:{Uri.UnescapeDataString(credentials[1])}"));
        var baseAddress = new UriBuilder(uri) { UserName = "", Password = "", Path = uri.AbsolutePath.TrimEnd('/') + "/" }.Uri;
        var vhost = !string.IsNullOrWhiteSpace(virtualHost) ? virtualHost
            : !string.IsNullOrWhiteSpace(amqpConnectionString) ? RabbitMqEndpoint.Parse(amqpConnectionString).VirtualHost
            : "/";
        return new BrokerManagementEndpoint(baseAddress, new AuthenticationHeaderValue("Basic", basic), vhost);
    }
}
