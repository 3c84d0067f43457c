using Microsoft.AspNetCore.Authentication;
using Moderation.Fingerprints;
using Moderation.Hosting.Messaging;
using Moderation.Intake;
using Moderation.Outbox;
using Moderation.Scanner.Models;
using Moderation.Scanner.Rules;
using Moderation.Scanner.Scanning;
using Moderation.Security;
using Moderation.Storage.Accounts;

namespace Moderation.Scanner;

public static class ScannerRegistration
{
    /// <summary>The scanner module: detection engine, model, the post consumers and the message outbox with its relay.</summary>
    public static IHostApplicationBuilder AddScanner(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScannerOptions>().BindConfiguration(ScannerOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<DetectionEngineProvider>();
        builder.Services.AddHostedService<RuleSetRefresher>();
        builder.Services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section)
            .Validate(o => o.RefreshInterval > TimeSpan.Zero, $"{ModelOptions.Section}:RefreshInterval must be a positive time span such as 00:00:30.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ModelProvider>();
        builder.Services.AddHostedService<ModelRefresher>();
        builder.Services.AddSingleton<PostRejecter>();
        builder.Services.AddSingleton<ScannerMetrics>();
        builder.Services.AddSingleton<ScanBatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ScanBatcher>());
        builder.AddIntake();
        builder.AddFingerprints();
        builder.AddMessageOutbox();
        builder.AddBroadcastConsumer<RuleSetActivatedConsumer>();
        builder.AddBroadcastConsumer<ModelActivatedConsumer>();
        builder.AddMessagingModule(bus =>
        {
            bus.AddConsumer<PostSubmittedConsumer>(typeof(PostSubmittedConsumerDefinition));
            bus.AddConsumer<PostWithdrawnConsumer>();
        });
        return builder;
    }

    /// <summary>The policy of the scanner host's status endpoint: officers' and administrators' API keys.</summary>
    public const string StatusReaders = "status-readers";

    /// <summary>
    /// The scanner host's own authentication (API keys only; it has no pages): the standalone host
    /// uses the API's instead, so this is called by the scanner's Program alone.
    /// </summary>
    public static IHostApplicationBuilder AddScannerStatusAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(ApiKeyAuthentication.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StatusReaders, p => p.RequireAuthenticatedUser().RequireRole(AccountRoles.Officer, AccountRoles.Admin));
        return builder;
    }
}
