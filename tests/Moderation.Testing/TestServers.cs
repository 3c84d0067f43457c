namespace Moderation.Testing;

/// <summary>
/// Connection settings of the real servers that <c>tests/run.sh</c> starts on loopback. A test that
/// needs one fails with instructions when it is missing: it never passes by skipping.
/// </summary>
public static class TestServers
{
    public static string Postgres => Require("ConnectionStrings__Postgres");

    public static string RabbitMq => Require("ConnectionStrings__RabbitMq");

    public static string Redis => Require("ConnectionStrings__Redis");

    /// <summary>The broker's management API, with an administrator's credentials (operators' users are issued through it).</summary>
    public static string RabbitMqManagement => Require("ConnectionStrings__RabbitMqManagement");

    /// <summary>The broker's own Prometheus exporter (<c>rabbitmq_prometheus</c>), where queue depths come from.</summary>
    public static string RabbitMqPrometheus => Require("MODERATION_RABBITMQ_PROMETHEUS_URL");

    /// <summary>The AMQP URL a forum operator connects with, by its RabbitMQ user name.</summary>
    public static Uri OperatorUrl(string user)
    {
        var all = Require("MODERATION_RABBITMQ_OPERATOR_URLS");
        foreach (var pair in all.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0 && pair[..separator] == user)
            {
                return new Uri(pair[(separator + 1)..]);
            }
        }

        throw new InvalidOperationException($"MODERATION_RABBITMQ_OPERATOR_URLS has no entry for operator user '{user}'.");
    }

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Environment variable {name} is not set. Run the tests with tests/run.sh, which starts RabbitMQ, " +
                "PostgreSQL and Redis on loopback and exports their settings (or source the env file written by deploy/local/start-servers.sh).");
}
