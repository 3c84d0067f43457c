using Moderation.Hosting.Fingerprints;
using Moderation.Hosting.Messaging;
using Moderation.Scanner.Rules;
using Moderation.Scanner.Scanning;

namespace Moderation.Scanner;

public static class ScannerRegistration
{
    /// <summary>The scanner module: detection engine, the post consumers and the outbox relay.</summary>
    public static IHostApplicationBuilder AddScanner(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScannerOptions>().BindConfiguration(ScannerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DetectionEngineProvider>();
        builder.Services.AddHostedService<RuleSetRefresher>();
        builder.Services.AddSingleton<PostRejecter>();
        builder.AddFingerprints();
        builder.Services.AddHostedService<OutboxRelay>();
        builder.AddBroadcastConsumer<RuleSetActivatedConsumer>();
        builder.AddMessagingModule(bus =>
        {
            bus.AddConsumer<PostSubmittedConsumer>(typeof(PostSubmittedConsumerDefinition));
            bus.AddConsumer<PostWithdrawnConsumer>();
        });
        return builder;
    }
}
