using System.Text.Json.Nodes;
using Moderation.Deployment.Tests.Support;
using Moderation.Hosting.Messaging;
using Moderation.Onboarding;
using Moderation.Testing;

namespace Moderation.Deployment.Tests;

/// <summary>
/// deploy/rabbitmq: the broker's definitions as code. The loopback broker of the tests loads the same
/// file; the policies apply to the queues the services declare; the operators' permission template
/// is what Moderation.Onboarding grants an issued user.
/// </summary>
public sealed class RabbitMqDefinitionsSpecs
{
    private static JsonNode Definitions => JsonNode.Parse(File.ReadAllText(Repository.File("deploy", "rabbitmq", "definitions.json")))!;

    private static JsonNode Policy(string name) => Definitions["policies"]!.AsArray().Single(p => (string?)p!["name"] == name)!;

    [Fact]
    public void The_queue_policy_has_the_delivery_limit_the_services_declare()
    {
        var definition = Policy("moderation-queues")["definition"]!;

        ((int)definition["delivery-limit"]!).Should().Be(new MessagingOptions().DeliveryLimit);
        ((string?)definition["dead-letter-strategy"]).Should().Be("at-least-once");
        ((string?)definition["overflow"]).Should().Be("reject-publish", "at-least-once dead-lettering needs it");
        var deadLetters = (string?)definition["dead-letter-exchange"];
        Definitions["exchanges"]!.AsArray().Should().Contain(e => (string?)e!["name"] == deadLetters);
        Definitions["bindings"]!.AsArray().Should().Contain(b => (string?)b!["source"] == deadLetters && (string?)b!["destination"] == deadLetters);
        Definitions["queues"]!.AsArray().Single(q => (string?)q!["name"] == deadLetters)!["arguments"]!["x-queue-type"]!.GetValue<string>().Should().Be("quorum");
    }

    [Fact]
    public void The_operator_permission_template_is_what_onboarding_grants_an_issued_user()
    {
        var template = File.ReadAllText(Repository.File("deploy", "rabbitmq", "operator-permissions.json"));
        var granted = BrokerPermissions.For(new BrokerOperator("west-lake", Moderation.Storage.Boards.ForumOperator.DefaultVerdictQueue("west-lake")));

        // The template's placeholders, filled as an operator fills them for one user of one forum operator.
        var rendered = JsonNode.Parse(template
            .Replace("{user}", "west-lake.20261206120000.a1b2c3", StringComparison.Ordinal)
            .Replace("{operator_id}", "west-lake", StringComparison.Ordinal))!;

        ((string?)rendered["user"]).Should().Be("west-lake.20261206120000.a1b2c3");
        ((string?)rendered["vhost"]).Should().Be((string?)Definitions["vhosts"]![0]!["name"]);
        ((string?)rendered["permissions"]!["configure"]).Should().Be(granted.Configure);
        ((string?)rendered["permissions"]!["write"]).Should().Be(granted.Write);
        ((string?)rendered["permissions"]!["read"]).Should().Be(granted.Read);
        rendered["topic_permissions"]!.AsArray().Select(t => new TopicPermission((string)t!["exchange"]!, (string)t["write"]!, (string)t["read"]!))
            .Should().Equal(granted.Topics);
    }

    [Fact]
    public async Task The_loopback_broker_of_the_tests_loaded_the_deployed_definitions()
    {
        using var broker = new BrokerManagement();
        var vhost = (string)Definitions["vhosts"]![0]!["name"]!;

        var policies = (await broker.GetAsync($"policies/{vhost}")).AsArray();

        foreach (var expected in Definitions["policies"]!.AsArray())
        {
            var actual = policies.SingleOrDefault(p => (string?)p!["name"] == (string?)expected!["name"]);
            actual.Should().NotBeNull($"policy {expected!["name"]} is in deploy/rabbitmq/definitions.json");
            JsonNode.DeepEquals(actual!["definition"], expected["definition"]).Should().BeTrue(actual.ToJsonString());
            ((string?)actual["pattern"]).Should().Be((string?)expected["pattern"]);
        }

        var deadLetters = await broker.GetAsync($"queues/{vhost}/moderation.dead-letters");
        ((string?)deadLetters["type"]).Should().Be("quorum");
        // Queues declared without a type (operators' verdict queues, on the first verdict sent) are
        // quorum queues too, replicated across a cluster's nodes like the services' own.
        ((string?)(await broker.GetAsync($"vhosts/{vhost}"))["default_queue_type"]).Should().Be("quorum");
    }

    [Fact]
    public async Task The_policies_apply_to_every_queue_a_scanner_declares()
    {
        using var broker = new BrokerManagement();
        var vhost = await broker.CreateVirtualHostWithDeployedDefinitionsAsync();
        try
        {
            await using var database = await ScratchDatabase.CreatePostgresAsync();
            await using (await ServiceProcess.StartAsync("Moderation.Scanner", new Dictionary<string, string>
            {
                ["ConnectionStrings__RabbitMq"] = BrokerManagement.ServiceUrl(vhost),
                ["ConnectionStrings__Postgres"] = database.ConnectionString,
                ["ConnectionStrings__Redis"] = TestServers.Redis,
                ["Logging__LogLevel__Default"] = "Warning",
            }))
            {
                // Ready means the bus is started: its queues are declared.
            }

            var queues = await DurableQueuesOnceTheirPoliciesShowAsync(broker, vhost);

            queues.Keys.Should().Contain(["post-submitted", "post-submitted_dead", "moderation.dead-letters"]);
            foreach (var (name, queue) in queues)
            {
                var dead = name.EndsWith("_dead", StringComparison.Ordinal) || name == "moderation.dead-letters";
                ((string?)queue["policy"]).Should().Be(dead ? "moderation-dead-letter-queues" : "moderation-queues", name);
                if (!dead)
                {
                    ((int?)queue["effective_policy_definition"]!["delivery-limit"]).Should().Be(new MessagingOptions().DeliveryLimit, name);
                }
            }

            var postSubmitted = queues["post-submitted"];
            ((string?)postSubmitted["type"]).Should().Be("quorum");
            ((string?)postSubmitted["arguments"]!["x-dead-letter-exchange"]).Should().Be("post-submitted_dead", "a queue's own dead-letter exchange wins over the policy's catch-all");
        }
        finally
        {
            await broker.DeleteVirtualHostAsync(vhost);
        }
    }

    /// <summary>
    /// The durable queues of a virtual host by name. The management API reports a queue's policy
    /// from its statistics, which lag the declaration by up to their interval (5 s): wait for them.
    /// </summary>
    private static async Task<Dictionary<string, JsonNode>> DurableQueuesOnceTheirPoliciesShowAsync(BrokerManagement broker, string vhost)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var queues = (await broker.GetAsync($"queues/{vhost}")).AsArray()
                .Where(q => (bool?)q!["auto_delete"] != true && (bool?)q!["exclusive"] != true)
                .ToDictionary(q => (string)q!["name"]!, q => q!);
            if (queues.Values.All(q => q["policy"] is not null) || DateTime.UtcNow > deadline)
            {
                return queues;
            }

            await Task.Delay(500);
        }
    }
}
