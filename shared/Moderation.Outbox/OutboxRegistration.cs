using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Moderation.Outbox;

public static class OutboxRegistration
{
    /// <summary>
    /// The message outbox and its relay, for every module that writes outbox rows. A host composing
    /// several such modules (the standalone one) calls this once per module and still gets one of each.
    /// </summary>
    public static IHostApplicationBuilder AddMessageOutbox(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<MessageOutbox>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutboxRelay>());
        return builder;
    }

    /// <summary>The forum feed (<see cref="ForumFeed"/>) for the hosts that serve forums over HTTP.</summary>
    public static IHostApplicationBuilder AddForumFeed(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForumFeedOptions>().BindConfiguration(ForumFeedOptions.Section).ValidateOnStart();
        builder.Services.TryAddSingleton<ForumFeed>();
        return builder;
    }
}
