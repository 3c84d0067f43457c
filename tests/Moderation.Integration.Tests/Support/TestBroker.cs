using Moderation.Testing;

namespace Moderation.Integration.Tests.Support;

/// <summary>
/// The RabbitMQ a pipeline runs on: the single node <c>tests/run.sh</c> started for the whole suite,
/// or the three-node cluster of the cluster specifications (<see cref="RabbitMqCluster"/>).
/// </summary>
/// <param name="ServersDir">The deploy/local servers directory, whose <c>rabbitmqctl</c> talks to the first node.</param>
/// <param name="ServiceUrl">The services' AMQP URL on the first node (virtual host <c>moderation</c>).</param>
/// <param name="Management">The first node's management API, with an administrator's credentials.</param>
/// <param name="OtherNodes">The other nodes of a cluster as <c>host:port</c> (<c>Moderation:Messaging:ClusterNodes</c>); none for one node.</param>
public sealed record TestBroker(string ServersDir, string ServiceUrl, string Management, IReadOnlyList<string> OtherNodes)
{
    /// <summary>The suite's single node.</summary>
    public static TestBroker Suite => new(
        Environment.GetEnvironmentVariable("MODERATION_SERVERS_DIR")
            ?? throw new InvalidOperationException("MODERATION_SERVERS_DIR is not set: run the tests with tests/run.sh."),
        TestServers.RabbitMq,
        TestServers.RabbitMqManagement,
        []);

    public bool IsCluster => OtherNodes.Count > 0;

    /// <summary>The settings that point a service at this broker's other nodes.</summary>
    public IEnumerable<KeyValuePair<string, string>> ClusterSettings() =>
        OtherNodes.Select((node, i) => KeyValuePair.Create($"Moderation__Messaging__ClusterNodes__{i}", node));
}
