using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moderation.Onboarding;
using Moderation.Storage;

namespace Moderation.Standalone.Tests.Onboarding;

/// <summary>Which broker accounts a host gets: real ones exactly when the management API is configured.</summary>
public sealed class BrokerAccountsRegistrationSpecs
{
    [Fact]
    public void Without_a_management_endpoint_there_are_no_broker_users_to_issue()
    {
        using var host = Build(new Dictionary<string, string?>());

        var accounts = host.Services.GetRequiredService<IBrokerAccounts>();

        accounts.Should().BeOfType<NoBrokerAccounts>();
        accounts.ManagesUsers.Should().BeFalse();
        host.Services.GetServices<IHostedService>().OfType<ExpiredBrokerUserSweeper>().Should().BeEmpty();
    }

    [Fact]
    public void With_a_management_endpoint_users_are_issued_on_the_virtual_host_operators_publish_on_and_swept()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RabbitMqManagement"] = "http://admin:s%40cret@broker.example:15672/",
            ["ConnectionStrings:RabbitMq"] = "amqp://moderation:pw@broker.example:5672/moderation",
        });

        var accounts = host.Services.GetRequiredService<IBrokerAccounts>();

        accounts.Should().BeOfType<RabbitMqBrokerAccounts>();
        accounts.ManagesUsers.Should().BeTrue();
        var endpoint = host.Services.GetRequiredService<BrokerManagementEndpoint>();
        endpoint.VirtualHost.Should().Be("moderation");
        endpoint.BaseAddress.Should().Be(new Uri("http://broker.example:15672/"));
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(endpoint.Authorization.Parameter!)).Should().Be("admin:s@cret");
        host.Services.GetServices<IHostedService>().OfType<ExpiredBrokerUserSweeper>().Should().ContainSingle();
    }

    [Fact]
    public void A_management_url_without_credentials_stops_the_start_naming_the_setting()
    {
        var build = () => Build(new Dictionary<string, string?> { ["ConnectionStrings:RabbitMqManagement"] = "http://broker.example:15672/" });

        build.Should().Throw<FormatException>().WithMessage("*ConnectionStrings:RabbitMqManagement*administrator's credentials*");
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddModerationStorage(Moderation.Storage.Database.ModerationDatabase.Sqlite("Data Source=:memory:"));
        builder.AddBrokerAccounts();
        return builder.Build();
    }
}
