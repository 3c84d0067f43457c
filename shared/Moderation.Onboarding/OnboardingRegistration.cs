using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Moderation.Onboarding;

public static class OnboardingRegistration
{
    /// <summary>
    /// The operators' broker users: on RabbitMQ through its management API, with the sweep that
    /// retires expired users, when <c>ConnectionStrings:RabbitMqManagement</c> is set; otherwise
    /// <see cref="NoBrokerAccounts"/> (forums reach the deployment over HTTP only).
    /// </summary>
    public static IHostApplicationBuilder AddBrokerAccounts(this IHostApplicationBuilder builder)
    {
        var management = builder.Configuration.GetConnectionString(BrokerManagementEndpoint.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(management))
        {
            builder.Services.TryAddSingleton<IBrokerAccounts, NoBrokerAccounts>();
            return builder;
        }

        builder.Services.AddOptions<BrokerAccountsOptions>().BindConfiguration(BrokerAccountsOptions.Section)
            .Validate(o => o.SweepInterval >= TimeSpan.FromSeconds(1), $"{BrokerAccountsOptions.Section}:SweepInterval must be at least 00:00:01.")
            .ValidateOnStart();
        var endpoint = BrokerManagementEndpoint.Parse(
            management,
            builder.Configuration.GetConnectionString("RabbitMq"),
            builder.Configuration[$"{BrokerAccountsOptions.Section}:{nameof(BrokerAccountsOptions.VirtualHost)}"]);
        builder.Services.AddSingleton(endpoint);
        builder.Services.AddSingleton(sp => new RabbitMqManagementApi(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) },
            sp.GetRequiredService<BrokerManagementEndpoint>()));
        builder.Services.AddSingleton<RabbitMqBrokerAccounts>();
        builder.Services.RemoveAll<IBrokerAccounts>();
        builder.Services.AddSingleton<IBrokerAccounts>(sp => sp.GetRequiredService<RabbitMqBrokerAccounts>());
        builder.Services.AddHostedService<ExpiredBrokerUserSweeper>();
        return builder;
    }
}
