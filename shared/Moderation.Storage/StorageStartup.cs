using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moderation.Storage.Boards;
using Moderation.Storage.Departments;
using Moderation.Storage.Migrations;

namespace Moderation.Storage;

/// <summary>
/// Brings the schema up to date (and seeds the demo directory and boards when asked) before any other hosted
/// service starts, so no consumer ever sees an old schema. A failure stops the host with the reason.
/// </summary>
internal sealed class StorageStartup(Migrator migrator, IDemoBoards demoBoards, DepartmentRepository departments, IOptions<StorageOptions> options, ILogger<StorageStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            var applied = await migrator.MigrateAsync(cancellationToken);
            logger.LogInformation("Database schema is current ({Applied} migration(s) applied now)", applied.Count);
        }

        if (options.Value.SeedDemoData)
        {
            // Departments first: a board is registered only in a division the directory knows.
            var seeded = await DemoDepartments.SeedAsync(departments, cancellationToken);
            if (seeded > 0)
            {
                logger.LogInformation("Demo department directory seeded ({Count} departments)", seeded);
            }

            await demoBoards.SeedAsync(cancellationToken);
            logger.LogInformation("Demo operator {OperatorId} with board {BoardId} is ready", DemoData.OperatorId, DemoData.ApprovedBoardId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
