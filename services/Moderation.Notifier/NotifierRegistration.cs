using Moderation.Hosting.Messaging;
using Moderation.Notifier.Delivery;
using Moderation.Notifier.Forums;
using Moderation.Outbox;
using Moderation.Notifier.Orders;
using Moderation.Notifier.Purge;
using Moderation.Notifier.Registrations;

namespace Moderation.Notifier;

public static class NotifierRegistration
{
    /// <summary>The Notifier module: outbox delivery, organizers' registration notices by mail, text purge, order deadlines, takedown completions.</summary>
    public static IHostApplicationBuilder AddNotifier(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotifierOptions>().BindConfiguration(NotifierOptions.Section).ValidateOnStart();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<NotifierMetrics>();
        builder.Services.AddHttpClient(WebhookChannel.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services => WebhookTargetGuard.Handler(
                services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NotifierOptions>>().Value.AllowPrivateWebhookTargets));
        builder.Services.AddSingleton<IDeliveryChannel, WebhookChannel>();
        builder.Services.AddSingleton<EmailChannel>();
        builder.Services.AddSingleton<IDeliveryChannel>(services => services.GetRequiredService<EmailChannel>());
        builder.Services.AddSingleton<IDeliveryChannel, AmqpChannel>();
        builder.Services.AddSingleton<NotificationDispatcher>();
        builder.Services.AddSingleton<TextPurger>();
        builder.Services.AddSingleton<DeadlineTracker>();
        builder.Services.AddSingleton<NotificationSignal>();
        builder.Services.AddHostedService<NotificationListener>();
        builder.Services.AddHostedService<NotifierWorker>();
        builder.Services.AddHostedService<TextPurgeWorker>();
        builder.Services.AddHostedService<DeadlineWorker>();
        builder.Services.AddSingleton<RegistrationNoticeMailer>();
        builder.Services.AddHostedService<RegistrationNoticeWorker>();
        builder.AddForumFeed();
        builder.Services.AddSingleton<ForumWebhookPusher>();
        builder.Services.AddHostedService<ForumWebhookWorker>();
        builder.AddMessagingModule(bus => bus.AddConsumer<TakedownCompletedConsumer>());
        return builder;
    }
}
