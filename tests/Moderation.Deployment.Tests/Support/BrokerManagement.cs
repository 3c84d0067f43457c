using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Moderation.Testing;

namespace Moderation.Deployment.Tests.Support;

/// <summary>
/// The test broker's management HTTP API, as its administrator: reads what the broker applies, and
/// makes a scratch virtual host with the deployed definitions in it.
/// </summary>
internal sealed class BrokerManagement : IDisposable
{
    private readonly HttpClient _http;

    public BrokerManagement()
    {
        var url = new Uri(TestServers.RabbitMqManagement);
        var credentials = Uri.UnescapeDataString(url.UserInfo);
        _http = new HttpClient { BaseAddress = new Uri(url.GetLeftPart(UriPartial.Authority) + "/api/"), Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public async Task PutAsync(string path, object body)
    {
        using var response = await _http.PutAsJsonAsync(new Uri(path, UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// A new virtual host holding deploy/rabbitmq/definitions.json (imported through the API, as an
    /// operator imports it into a cluster), with every right for the services' user.
    /// </summary>
    public async Task<string> CreateVirtualHostWithDeployedDefinitionsAsync()
    {
        var vhost = $"deploy-{Guid.NewGuid():N}"[..19];
        await PutAsync($"vhosts/{vhost}", new { });
        var user = Uri.UnescapeDataString(new Uri(TestServers.RabbitMq).UserInfo.Split(':')[0]);
        await PutAsync($"permissions/{vhost}/{Uri.EscapeDataString(user)}", new { configure = ".*", write = ".*", read = ".*" });
        var definitions = await File.ReadAllTextAsync(Repository.File("deploy", "rabbitmq", "definitions.json"));
        using var content = new StringContent(definitions, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri($"definitions/{vhost}", UriKind.Relative), content);
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        return vhost;
    }

    public async Task DeleteVirtualHostAsync(string vhost)
    {
        using var response = await _http.DeleteAsync(new Uri($"vhosts/{vhost}", UriKind.Relative));
    }

    /// <summary>The services' AMQP URL pointed at another virtual host.</summary>
    public static string ServiceUrl(string vhost) =>
        new UriBuilder(new Uri(TestServers.RabbitMq)) { Path = "/" + Uri.EscapeDataString(vhost) }.Uri.ToString();

    public void Dispose() => _http.Dispose();
}
