using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.Onboarding;

/// <summary>
/// The few calls of RabbitMQ's management HTTP API that operators' users need: create a user with
/// its permissions, delete it, close its connections. A failure names the call and the broker's answer.
/// </summary>
public sealed class RabbitMqManagementApi(HttpClient http, BrokerManagementEndpoint endpoint)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string VirtualHost => endpoint.VirtualHost;

    /// <summary>Creates the user, or sets its password when it exists. No tags: neither management access nor impersonation.</summary>
    public Task PutUserAsync(string user, string password, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"api/users/{Escape(user)}", new { password, tags = "" }, cancellationToken);

    public async Task SetPermissionsAsync(string user, BrokerPermissions permissions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        await SendAsync(HttpMethod.Put, $"api/permissions/{Escape(endpoint.VirtualHost)}/{Escape(user)}",
            new { configure = permissions.Configure, write = permissions.Write, read = permissions.Read }, cancellationToken);
        foreach (var topic in permissions.Topics)
        {
            await SendAsync(HttpMethod.Put, $"api/topic-permissions/{Escape(endpoint.VirtualHost)}/{Escape(user)}",
                new { exchange = topic.Exchange, write = topic.Write, read = topic.Read }, cancellationToken);
        }
    }

    /// <summary>Deletes the user; one already gone is no error (a retried sweep or revocation).</summary>
    public Task DeleteUserAsync(string user, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"api/users/{Escape(user)}", null, cancellationToken, allowNotFound: true);

    /// <summary>
    /// Closes every open connection of the user: deleting a user stops new logins, but connections
    /// already open would otherwise keep publishing.
    /// </summary>
    public async Task CloseConnectionsAsync(string user, string reason, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(Request(HttpMethod.Get, "api/connections?columns=name,user"), cancellationToken);
        await EnsureSuccessAsync(response, "list connections", allowNotFound: false, cancellationToken);
        var connections = await response.Content.ReadFromJsonAsync<List<ConnectionInfo>>(Json, cancellationToken) ?? [];
        foreach (var connection in connections.Where(c => c.User == user))
        {
            var close = Request(HttpMethod.Delete, $"api/connections/{Escape(connection.Name)}");
            close.Headers.Add("X-Reason", reason);
            using var closed = await http.SendAsync(close, cancellationToken);
            await EnsureSuccessAsync(closed, $"close connection {connection.Name}", allowNotFound: true, cancellationToken);
        }
    }

    /// <summary>The user's permission patterns on the virtual host (configure, write, read), or null when it has none.</summary>
    public async Task<(string Configure, string Write, string Read)?> PermissionsAsync(string user, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(Request(HttpMethod.Get, $"api/permissions/{Escape(endpoint.VirtualHost)}/{Escape(user)}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, $"read the permissions of {user}", allowNotFound: false, cancellationToken);
        var permissions = await response.Content.ReadFromJsonAsync<PermissionInfo>(Json, cancellationToken);
        return permissions is null ? null : (permissions.Configure, permissions.Write, permissions.Read);
    }

    /// <summary>The user's topic permissions on the virtual host, by exchange (empty when it has none).</summary>
    public async Task<IReadOnlyList<TopicPermission>> TopicPermissionsAsync(string user, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(Request(HttpMethod.Get, $"api/topic-permissions/{Escape(endpoint.VirtualHost)}/{Escape(user)}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        await EnsureSuccessAsync(response, $"read the topic permissions of {user}", allowNotFound: false, cancellationToken);
        return await response.Content.ReadFromJsonAsync<List<TopicPermission>>(Json, cancellationToken) ?? [];
    }

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken, bool allowNotFound = false)
    {
        var request = Request(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, $"{method} {path}", allowNotFound, cancellationToken);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(endpoint.BaseAddress, path));
        request.Headers.Authorization = endpoint.Authorization;
        return request;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, bool allowNotFound, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound))
        {
            return;
        }

        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new BrokerAccountsException(
            $"The broker's management API refused to {what}: {(int)response.StatusCode} {response.ReasonPhrase} {answer}".TrimEnd()
            + (response.StatusCode == HttpStatusCode.Unauthorized ? $" Check the credentials in ConnectionStrings:{BrokerManagementEndpoint.ConnectionStringName} (a user tagged administrator)." : ""));
    }

    // The management API takes names as single path segments; "/" (the default virtual host) included.
    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private sealed record ConnectionInfo(string Name, [property: JsonPropertyName("user")] string? User);

    private sealed record PermissionInfo(string Configure, string Write, string Read);
}

/// <summary>The broker did not do what was asked of it; the message says what and why.</summary>
public sealed class BrokerAccountsException(string message) : Exception(message);
