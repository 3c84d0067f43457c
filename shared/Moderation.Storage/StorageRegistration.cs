using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Moderation.Storage.Boards;
using Moderation.Storage.Database;
using Moderation.Storage.Migrations;
using Moderation.Storage.Outbox;
using Moderation.Storage.Posts;
using Moderation.Storage.Rejections;
using Moderation.Storage.Scans;

namespace Moderation.Storage;

public static class StorageRegistration
{
    /// <summary>The embedded default when no connection string is configured.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/moderation.db";

    /// <summary>
    /// PostgreSQL when <c>ConnectionStrings:Postgres</c> is set, otherwise SQLite at
    /// <c>ConnectionStrings:Sqlite</c> (default <c>data/moderation.db</c>), and the readiness check
    /// that the database answers. Called once by each host's <c>Program</c>.
    /// </summary>
    public static IHostApplicationBuilder AddModerationStorage(this IHostApplicationBuilder builder)
    {
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        var sqlite = builder.Configuration.GetConnectionString("Sqlite") ?? DefaultSqliteConnectionString;
        builder.Services.AddModerationStorage(string.IsNullOrWhiteSpace(postgres)
            ? ModerationDatabase.Sqlite(sqlite)
            : ModerationDatabase.Postgres(postgres, builder.Environment.ApplicationName));
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<Review.ReviewQueueOptions>().BindConfiguration(Review.ReviewQueueOptions.Section)
            .Validate(o => o.Sla > TimeSpan.Zero, $"{Review.ReviewQueueOptions.Section}:Sla must be a positive duration such as 04:00:00.")
            .Validate(o => o.ClaimLease >= TimeSpan.FromSeconds(5), $"{Review.ReviewQueueOptions.Section}:ClaimLease must be at least 00:00:05.")
            .ValidateOnStart();
        // "ready": the conventional tag of readiness checks, which /health/ready asks (MassTransit tags its bus checks alike).
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    public static IServiceCollection AddModerationStorage(this IServiceCollection services, ModerationDatabase database)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(database);
        services.AddSingleton<Migrator>();
        services.AddSingleton<BoardRepository>();
        services.AddSingleton<BrokerUserRepository>();
        services.AddSingleton<PostRepository>();
        services.AddSingleton<ScanStore>();
        services.AddSingleton<RejectionStore>();
        services.AddSingleton<OutboxTable>();
        services.AddSingleton<ForumMessages>();
        services.AddSingleton<ForumWebhookRepository>();
        services.AddSingleton<Departments.DepartmentRepository>();
        services.AddSingleton<Notifications.NotificationOutbox>();
        services.AddSingleton<Notifications.RegistrationNoticeOutbox>();
        services.AddSingleton<Incidents.IncidentRepository>();
        services.AddSingleton<Orders.OrderRepository>();
        services.AddSingleton<Rules.RuleSetRepository>();
        services.AddSingleton<Accounts.AccountRepository>();
        services.AddSingleton<Accounts.SignInAttemptRepository>();
        services.AddSingleton<Accounts.ApiKeyRepository>();
        services.AddSingleton<Audit.AuditLog>();
        services.AddSingleton<Models.ModelRepository>();
        services.AddSingleton<Models.DecisionLabels>();
        services.TryAddSingleton<IDemoBoards, DirectDemoBoards>();
        services.AddHostedService<StorageStartup>();
        return services;
    }
}
