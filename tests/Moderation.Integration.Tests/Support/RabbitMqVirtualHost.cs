using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Moderation.Testing;

namespace Moderation.Integration.Tests.Support;

/// <summary>
/// A RabbitMQ virtual host of its own for one test class, so scanners and queues of different
/// tests never see each other's messages. On the suite's node it is created and deleted with the
/// node's rabbitmqctl; on a cluster it gets the deployed definitions (see <see cref="CreateAsync"/>).
/// </summary>
public sealed class RabbitMqVirtualHost : IAsyncDisposable
{
    private static readonly string[] Users = ["moderation", "forum-demo", "forum-other"];

    private RabbitMqVirtualHost(string name, TestBroker broker)
    {
        Name = name;
        Broker = broker;
    }

    public string Name { get; }

    public TestBroker Broker { get; }

    /// <summary>The services' own AMQP URL, pointed at this virtual host.</summary>
    public string ServiceUrl => WithVirtualHost(new Uri(Broker.ServiceUrl));

    /// <summary>An operator's AMQP URL (it connects as its own RabbitMQ user), pointed at this virtual host.</summary>
    public string OperatorUrl(string user)
    {
        var broker = new Uri(Broker.ServiceUrl);
        return WithVirtualHost(new UriBuilder(TestServers.OperatorUrl(user)) { Host = broker.Host, Port = broker.Port }.Uri);
    }

    /// <summary>An AMQP URL for any user of the test broker, pointed at this virtual host.</summary>
    public string UrlFor(string user, string password) =>
        WithVirtualHost(new UriBuilder(new Uri(Broker.ServiceUrl)) { UserName = Uri.EscapeDataString(user), Password = Uri.EscapeDataString(password) }.Uri);

    /// <summary>
    /// A new virtual host on <paramref name="broker"/> (the suite's node unless told). On a cluster it
    /// is made from deploy/rabbitmq/definitions.json, as the deployed <c>moderation</c> virtual host is
    /// (its default queue type, policies, dead-letter exchange), so what the cluster specifications
    /// show holds for the deployed one.
    /// </summary>
    public static async Task<RabbitMqVirtualHost> CreateAsync(TestBroker? broker = null)
    {
        broker ??= TestBroker.Suite;
        var vhost = new RabbitMqVirtualHost($"test-{Guid.NewGuid():N}"[..17], broker);
        if (broker.IsCluster)
        {
            await vhost.ImportDeployedDefinitionsAsync();
            return vhost;
        }

        await vhost.RabbitMqCtlAsync("add_vhost", vhost.Name);
        foreach (var user in Users)
        {
            await vhost.RabbitMqCtlAsync("set_permissions", "-p", vhost.Name, user, ".*", ".*", ".*");
        }

        return vhost;
    }

    /// <summary>
    /// Deletes the virtual host from the suite's node. A cluster's is left to go with the cluster's
    /// directory: its first node, which rabbitmqctl talks to, may be the one a test stopped.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!Broker.IsCluster)
        {
            await RabbitMqCtlAsync("delete_vhost", Name);
        }
    }

    private string WithVirtualHost(Uri url) => new UriBuilder(url) { Path = "/" + Uri.EscapeDataString(Name) }.Uri.ToString();

    /// <summary>The deployed definitions with their virtual host renamed to this one, and the test users' permissions on it, imported in one call.</summary>
    private async Task ImportDeployedDefinitionsAsync()
    {
        var path = Path.Combine(ServiceProcess.FindRepositoryRoot(AppContext.BaseDirectory), "deploy", "rabbitmq", "definitions.json");
        var definitions = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        var deployed = (string)definitions["vhosts"]![0]!["name"]!;
        definitions["vhosts"]![0]!["name"] = Name;
        foreach (var section in new[] { "policies", "exchanges", "queues", "bindings" })
        {
            foreach (var item in definitions[section]?.AsArray() ?? [])
            {
                if ((string?)item!["vhost"] == deployed)
                {
                    item["vhost"] = Name;
                }
            }
        }

        definitions["permissions"] = new JsonArray(Users.Select(user => (JsonNode)new JsonObject
        {
            ["user"] = user,
            ["vhost"] = Name,
            ["configure"] = ".*",
            ["write"] = ".*",
            ["read"] = ".*",
        }).ToArray());
        definitions.Remove("rabbit_version");

        var management = new Uri(Broker.Management);
        using var http = ManagementClient(management);
        using var response = await http.PostAsJsonAsync(new Uri("api/definitions", UriKind.Relative), definitions);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Importing the deployed definitions into {Name} failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>An HTTP client for a management API address that carries its credentials (<c>http://user:password@host:port/</c>).</summary>
    public static HttpClient ManagementClient(Uri management)
    {
        var http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority) + "/"), Timeout = TimeSpan.FromSeconds(10) };
        var credentials = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo)));
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", credentials);
        return http;
    }

    private Task RabbitMqCtlAsync(params string[] arguments) => Commands.RunAsync(Path.Combine(Broker.ServersDir, "rabbitmqctl"), arguments);
}
