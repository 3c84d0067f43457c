using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Moderation.Detection.Fingerprints;
using Moderation.Integration.Tests.Support;
using Moderation.Onboarding;
using Moderation.Testing;
using Npgsql;

namespace Moderation.Integration.Tests;

/// <summary>
/// No secret is ever written to a log (OWASP ASVS 7.1.1, 7.1.2; SECURITY.md): the Api, Scanner and
/// Notifier run at log level Trace through a whole session (people sign in, and once with a wrong
/// password; an operator is registered and collects its API key and broker password; posts arrive
/// over AMQP with that broker user and over HTTP with that key, a wrong key is tried; a leak opens an
/// incident the Notifier delivers), then every line the three processes wrote is searched for every
/// secret in play: passwords, API keys, the issued broker password, the fingerprint key and the
/// passwords in the connection strings.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class SecretsInLogsSpecs : IAsyncLifetime
{
    private const string WrongPassword = "wrong-password-that-is-secret-7";
    private const string WrongKey = "mod_wrong-key-that-is-secret-000000000000";

    private Pipeline _pipeline = null!;

    public async Task InitializeAsync() => _pipeline = await Pipeline.CreateAsync(logLevel: "Trace");

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public async Task A_whole_session_logged_at_trace_level_shows_no_password_key_or_connection_secret()
    {
        await _pipeline.StartScannerAsync();
        await _pipeline.StartNotifierAsync();
        var api = _pipeline.Api.BaseAddress;

        var refused = () => RegistrationClient.SignInAsync(api, "org-a", WrongPassword);
        await refused.Should().ThrowAsync<InvalidOperationException>("a wrong password does not sign in");
        using (await RegistrationClient.SignInAsync(api, "adm", TestCredentials.Password))
        {
        }

        await using (var forum = await _pipeline.ConnectForumAsync())
        {
            await forum.PublishAsync(Posts.Create(_pipeline.BoardId, "amqp-clean", "周末一起去爬香山，有人去吗？"));
            await forum.PublishAsync(Posts.Create(_pipeline.BoardId, "amqp-leak", "绝密★长期 内部资料 不得外传：第三批次的交付地点改为西郊仓库"));
        }

        using var http = new HttpClient { BaseAddress = api };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _pipeline.Credentials.ApiKey);
        var body = $$"""{"boardId":"{{_pipeline.BoardId}}","postId":"http-1","revision":0,"channel":"Bbs","authorId":"a-1","title":"t","body":"机密★10年 关于下季度安排","submittedAt":"{{DateTimeOffset.UtcNow.AddSeconds(-2):O}}"}""";
        (await http.PostAsync("/api/v1/posts", new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        using var wrong = new HttpClient { BaseAddress = api };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WrongKey);
        (await wrong.GetAsync("/api/v1/verdicts?after=0")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await using (var reader = await _pipeline.ConnectForumAsync())
        {
            (await reader.ReadAsync(_pipeline.VerdictQueue, r => r.Count >= 3, TimeSpan.FromSeconds(90))).Should().HaveCount(3, _pipeline.ServiceLogs);
        }

        await WaitForIncidentDeliveryAsync();

        var logs = _pipeline.ServiceLogs;
        logs.Split('\n').Length.Should().BeGreaterThan(500, "at Trace level a whole session writes many lines; an empty log would prove nothing");
        var secrets = Secrets().ToList();
        secrets.Should().OnlyContain(s => s.Value.Length >= 8, "each secret is a real value, so finding none means something");
        var leaked = secrets.Where(s => logs.Contains(s.Value, StringComparison.OrdinalIgnoreCase)).Select(s => s.Name).ToList();
        leaked.Should().BeEmpty("no secret may appear in any log line");

        // At rest too: passwords and keys are kept as salted hashes only (ASVS 2.4.1, 6.4.1).
        var stored = await _pipeline.ScalarAsync<string>("""
            SELECT concat_ws(' ', (SELECT string_agg(a::text, ' ') FROM accounts a), (SELECT string_agg(k::text, ' ') FROM api_keys k), (SELECT string_agg(b::text, ' ') FROM broker_users b))
            """);
        stored.Should().Contain("org-a", "the accounts were read");
        secrets.Take(8).Where(s => stored.Contains(s.Value, StringComparison.Ordinal)).Select(s => s.Name).Should().BeEmpty("no password or key is stored as it is");
    }

    private IEnumerable<(string Name, string Value)> Secrets()
    {
        yield return ("the people's password", TestCredentials.Password);
        yield return ("a wrong password typed at sign-in", WrongPassword);
        yield return ("a wrong API key", WrongKey);
        yield return ("the forum key", TestCredentials.ForumKey);
        yield return ("the administrator's key", TestCredentials.AdminKey);
        yield return ("the officer's key", TestCredentials.OfficerKey);
        yield return ("the issued API key", _pipeline.Credentials.ApiKey);
        yield return ("the issued broker password", _pipeline.Credentials.BrokerPassword!);
        yield return ("the fingerprint key", FingerprintScheme.DemoSecret);
        // The loopback servers' password is also their user's and database's name, so it is looked for as a
        // connection string or URL would show it, which is how a connection secret leaks into a log.
        yield return ("the PostgreSQL connection string's password", "Password=" + new NpgsqlConnectionStringBuilder(_pipeline.Database.ConnectionString).Password);
        yield return ("the RabbitMQ URL's credentials", new Uri(TestServers.RabbitMq).UserInfo + "@");
        yield return ("the management API URL's credentials", new Uri(TestServers.RabbitMqManagement).UserInfo + "@");
    }

    private async Task WaitForIncidentDeliveryAsync()
    {
        for (var i = 0; i < 300 && await _pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM notification_outbox WHERE delivered_at IS NULL AND attempts = 0") > 0; i++)
        {
            await Task.Delay(100);
        }
    }
}
