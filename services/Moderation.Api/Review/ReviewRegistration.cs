using Microsoft.AspNetCore.SignalR;
using Moderation.Hosting.Review;

namespace Moderation.Api.Review;

public static class ReviewRegistration
{
    /// <summary>The review queue: leases, live updates (Redis backplane when Redis is configured), the expiry sweeper.</summary>
    public static IHostApplicationBuilder AddReviewQueue(this IHostApplicationBuilder builder)
    {
        builder.AddCaseLeases();
        var signalR = builder.Services.AddSignalR(o => o.EnableDetailedErrors = false);
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // Every API instance sees every change: a claim on one reaches queues open on another.
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("moderation:signalr"));
        }

        builder.Services.AddSingleton<QueueNotifier>();
        builder.Services.AddSingleton<ReviewQueue>();
        builder.Services.AddHostedService<ClaimExpirySweeper>();
        builder.Services.AddOptions<DemoPostsOptions>().BindConfiguration(Moderation.Storage.Review.ReviewQueueOptions.Section);
        builder.Services.AddHostedService<DemoPostsSeeder>();
        return builder;
    }
}
