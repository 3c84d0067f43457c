using System.Diagnostics;
using Moderation.Testing;

namespace Moderation.Integration.Tests.Support;

/// <summary>
/// A RabbitMQ virtual host of its own for one test class, so scanners and queues of different
/// tests never see each other's messages. Created and deleted with the test node's rabbitmqctl.
/// </summary>
public sealed class RabbitMqVirtualHost : IAsyncDisposable
{
    private static readonly string[] Users = ["moderation", "forum-demo", "forum-other"];

    private RabbitMqVirtualHost(string name) => Name = name;

    public string Name { get; }

    /// <summary>The services' own AMQP URL, pointed at this virtual host.</summary>
    public string ServiceUrl => WithVirtualHost(new Uri(TestServers.RabbitMq));

    /// <summary>An operator's AMQP URL (it connects as its own RabbitMQ user), pointed at this virtual host.</summary>
    public string OperatorUrl(string user) => WithVirtualHost(TestServers.OperatorUrl(user));

    /// <summary>An AMQP URL for any user of the test broker, pointed at this virtual host.</summary>
    public string UrlFor(string user, string password) =>
        WithVirtualHost(new UriBuilder(new Uri(TestServers.RabbitMq)) { UserName = Uri.EscapeDataString(user), Password = Uri.EscapeDataString(password) }.Uri);

    public static async Task<RabbitMqVirtualHost> CreateAsync()
    {
        var vhost = new RabbitMqVirtualHost($"test-{Guid.NewGuid():N}"[..17]);
        await RabbitMqCtlAsync("add_vhost", vhost.Name);
        foreach (var user in Users)
        {
            await RabbitMqCtlAsync("set_permissions", "-p", vhost.Name, user, ".*", ".*", ".*");
        }

        return vhost;
    }

    public async ValueTask DisposeAsync() => await RabbitMqCtlAsync("delete_vhost", Name);

    private string WithVirtualHost(Uri url) => new UriBuilder(url) { Path = "/" + Uri.EscapeDataString(Name) }.Uri.ToString();

    private static async Task RabbitMqCtlAsync(params string[] arguments)
    {
        var serversDir = Environment.GetEnvironmentVariable("MODERATION_SERVERS_DIR")
            ?? throw new InvalidOperationException("MODERATION_SERVERS_DIR is not set: run the tests with tests/run.sh.");
        var start = new ProcessStartInfo(Path.Combine(serversDir, "rabbitmqctl"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
