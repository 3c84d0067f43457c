using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Moderation.Storage.Database;

/// <summary>Ready only while the database answers.</summary>
internal sealed class DatabaseHealthCheck(ModerationDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy($"{database.Provider} answers");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{database.Provider} does not answer: {ex.Message}", ex);
        }
    }
}
