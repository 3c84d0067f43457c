using Moderation.Api.Audit;
using Moderation.Api.Departments;
using Moderation.Api.Fingerprints;
using Moderation.Api.Incidents;
using Moderation.Api.Models;
using Moderation.Api.Orders;
using Moderation.Api.Pages;
using Moderation.Api.Posts;
using Moderation.Api.Registrations;
using Moderation.Api.Review;
using Moderation.Api.Review.Live;
using Moderation.Api.RuleSets;
using Moderation.Api.Security;
using Moderation.Fingerprints;
using Moderation.Hosting;
using Moderation.Intake;
using Moderation.Hosting.Messaging;
using Moderation.Onboarding;
using Moderation.Outbox;

namespace Moderation.Api;

public static class ApiRegistration
{
    /// <summary>
    /// The HTTP API module: ingest and verdicts, review, orders. It writes outbox rows (review verdicts,
    /// takedown orders), so it relays its own: they never wait for a scanner to be running.
    /// </summary>
    public static IHostApplicationBuilder AddModerationApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PostPublisher>();
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IngestBatcher>();
        builder.Services.AddSingleton<BatchAllowance>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IngestBatcher>());
        builder.Services.AddSingleton<TakedownIssuer>();
        builder.Services.AddSingleton<BoardSuspension>();
        builder.AddMessageOutbox();
        builder.AddForumFeed();
        builder.Services.AddHostedService<UnscannedPostRequeuer>();
        builder.AddIntake();
        builder.AddFingerprints();
        builder.AddModerationSecurity();
        builder.AddReviewQueue();
        builder.AddRegistrations();
        builder.AddModerationPages();
        // Operators' broker users for the registration workflow: real ones when the broker's management API is configured.
        builder.AddBrokerAccounts();
        return builder;
    }

    public static WebApplication MapModerationApi(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseModerationErrorPages();
        // Route values, query strings and forms with a control character are refused before anything reads them.
        app.UseRequestTextGuard();
        app.UseModerationStaticFiles();
        app.UseModerationSecurity();
        app.MapPostsApi().RequireAuthorization(AccessPolicies.Machine);
        app.MapRuleSetsApi().RequireAuthorization(AccessPolicies.Admin);
        app.MapModelsApi().RequireAuthorization(AccessPolicies.Admin);
        app.MapFingerprintsApi().RequireAuthorization(AccessPolicies.Officer);
        app.MapDepartmentsApi().RequireAuthorization(AccessPolicies.Admin);
        app.MapIncidentsApi().RequireAuthorization(AccessPolicies.Officer);
        app.MapNotificationsAdminApi().RequireAuthorization(AccessPolicies.Admin);
        app.MapTakedownsApi().RequireAuthorization(AccessPolicies.Officer);
        app.MapRectificationsApi().RequireAuthorization(AccessPolicies.Officer);
        // A department's receipt carries no account: its Standard Webhooks signature with the endpoint's secret is the credential.
        app.MapReceiptsApi().AllowAnonymous();
        app.MapReviewApi().RequireAuthorization(AccessPolicies.Moderator);
        app.MapAuditApi().RequireAuthorization(AccessPolicies.Admin);
        app.MapRegistrationsApi().RequireAuthorization(AccessPolicies.Organizer);
        app.MapRegistrationReviewsApi().RequireAuthorization(AccessPolicies.Officer);
        app.MapBoardsAdminApi().RequireAuthorization(AccessPolicies.Officer);
        app.MapOperatorsAdminApi().RequireAuthorization(AccessPolicies.Officer);
        app.MapHub<QueueHub>(QueueHub.Path).RequireAuthorization(AccessPolicies.Moderator);
        app.MapRazorPages();
        return app;
    }
}
