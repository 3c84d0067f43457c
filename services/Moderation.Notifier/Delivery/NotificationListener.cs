using Dapper;
using Moderation.Storage.Database;
using Moderation.Storage.Incidents;
using Npgsql;

namespace Moderation.Notifier.Delivery;

/// <summary>
/// On PostgreSQL, LISTENs on the channel the incident writer notifies at commit and wakes the
/// delivery loop, so a report leaves within milliseconds rather than at the next poll. A lost
/// connection only costs latency: the loop still polls, and the listener reconnects.
/// </summary>
internal sealed class NotificationListener(ModerationDatabase database, NotificationSignal signal, ILogger<NotificationListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != StorageProvider.Postgres)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = (NpgsqlConnection)await database.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Wake();
                await connection.ExecuteAsync($"LISTEN {IncidentWriter.NotificationChannel}");
                // Anything committed before LISTEN took effect is picked up by this first wake.
                signal.Wake();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Listening for new notifications failed; polling only until reconnected");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }
}
