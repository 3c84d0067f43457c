using Moderation.Api.Audit;
using Moderation.Api.Departments;
using Moderation.Api.Fingerprints;
using Moderation.Api.Incidents;
using Moderation.Api.Orders;
using Moderation.Api.Pages;
using Moderation.Api.Models;
using Moderation.Api.Posts;
using Moderation.Api.Review;
using Moderation.Api.Review.Live;
using Moderation.Api.RuleSets;
using Moderation.Api.Security;
using Moderation.Hosting.Fingerprints;
using Moderation.Hosting.Messaging;

namespace Moderation.Api;

public static class ApiRegistration
{
    /// <summary>The HTTP API module: ingest and verdicts.</summary>
    public static IHostApplicationBuilder AddModerationApi(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => WireFormat.Apply(o.SerializerOptions));
        builder.Services.AddSingleton<PostPublisher>();
        builder.Services.AddSingleton<TakedownIssuer>();
        builder.Services.AddHostedService<UnscannedPostRequeuer>();
        builder.AddFingerprints();
        builder.AddModerationSecurity();
        builder.AddReviewQueue();
        builder.AddModerationPages();
        return builder;
    }

    public static WebApplication MapModerationApi(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseStatusCodePages();
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
        app.MapHub<QueueHub>(QueueHub.Path).RequireAuthorization(AccessPolicies.Moderator);
        app.MapRazorPages();
        return app;
    }
}
