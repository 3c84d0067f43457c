using Moderation.Api.Review.Cases;
using Moderation.Api.Review.Claim;
using Moderation.Api.Review.ClaimNext;
using Moderation.Api.Review.Decide;
using Moderation.Api.Review.DecideMany;
using Moderation.Api.Review.Demo;
using Moderation.Api.Review.Leases;
using Moderation.Api.Review.Listing;
using Moderation.Api.Review.Live;
using Moderation.Api.Review.Reasons;
using Moderation.Api.Review.Release;
using Moderation.Api.Review.SecondLook;
using Moderation.Api.Review.Statistics;
using Moderation.Storage.Review;

namespace Moderation.Api.Review;

public static class ReviewRegistration
{
    /// <summary>
    /// The review queue: its slices (list, claim, claim next, release, decide, decide many with its selection and second look, canned reasons) with the pieces they
    /// share, leases, live updates (Redis backplane when Redis is configured), the expiry sweeper.
    /// </summary>
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
        builder.Services.AddSingleton<CaseReader>();
        builder.Services.AddSingleton<CaseAccess>();
        builder.Services.AddSingleton<DecisionHistory>();
        builder.Services.AddSingleton<AuthorHistory>();
        builder.Services.AddSingleton<ListCasesSql>();
        builder.Services.AddSingleton<ListCases>();
        builder.Services.AddSingleton<ReviewStatistics>();
        builder.Services.AddHostedService<ReviewQueueMetrics>();
        builder.Services.AddSingleton<ClaimCaseSql>();
        builder.Services.AddSingleton<ClaimCase>();
        builder.Services.AddSingleton<ReleaseClaimSql>();
        builder.Services.AddSingleton<ReleaseClaim>();
        builder.Services.AddSingleton<ExpireClaimsSql>();
        builder.Services.AddSingleton<ExpireClaims>();
        builder.Services.AddSingleton<DecisionTransaction>();
        builder.Services.AddSingleton<ConfirmedFingerprints>();
        builder.Services.AddSingleton<DecideCase>();
        builder.Services.AddSingleton<DecideManyCases>();
        builder.Services.AddSingleton<SelectCases>();
        builder.Services.AddSingleton<ClaimNextCase>();
        builder.Services.AddSingleton<CaseViews>();
        builder.Services.AddSingleton<CannedReasons>();
        builder.Services.AddHostedService<ClaimExpirySweeper>();
        builder.Services.AddOptions<DemoPostsOptions>().BindConfiguration(DemoPostsOptions.Section).ValidateOnStart();
        builder.Services.AddHostedService<DemoPostsSeeder>();
        return builder;
    }
}
