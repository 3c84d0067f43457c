using Moderation.Hosting.Messaging;
using Moderation.Notifier.Delivery;
using Moderation.Notifier.Forums;
using Moderation.Outbox;
using Moderation.Notifier.Orders;
using Moderation.Notifier.Purge;

namespace Moderation.Notifier;

public static class NotifierRegistration
{
    /// <summary>The Notifier module: outbox delivery, text purge, order deadlines, takedown completions.</summary>
    public static IHostApplicationBuilder AddNotifier(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotifierOptions>().BindConfiguration(NotifierOptions.Section).ValidateOnStart();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<NotifierMetrics>();
        builder.Services.AddHttpClient(WebhookChannel.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services => WebhookTargetGuard.Handler(
                services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NotifierOptions>>().Value.AllowPrivateWebhookTargets));
        builder.Services.AddSingleton<IDeliveryChannel, WebhookChannel>();
        builder.Services.AddSingleton<IDeliveryChannel, EmailChannel>();
        builder.Services.AddSingleton<IDeliveryChannel, AmqpChannel>();
        builder.Services.AddSingleton<NotificationDispatcher>();
        builder.Services.AddSingleton<TextPurger>();
        builder.Services.AddSingleton<DeadlineTracker>();
        builder.Services.AddSingleton<NotificationSignal>();
        builder.Services.AddHostedService<NotificationListener>();
        builder.Services.AddHostedService<NotifierWorker>();
        builder.Services.AddHostedService<TextPurgeWorker>();
        builder.Services.AddHostedService<DeadlineWorker>();
        builder.AddForumFeed();
        builder.Services.AddSingleton<ForumWebhookPusher>();
        builder.Services.AddHostedService<ForumWebhookWorker>();
        builder.AddMessagingModule(bus => bus.AddConsumer<TakedownCompletedConsumer>());
        return builder;
    }
}
