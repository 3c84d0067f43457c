using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Moderation.Storage.Audit;
using Moderation.Storage.Database;

namespace Moderation.Cli.Audit;

/// <summary>
/// <c>moderation audit verify</c>: walks the audit chain, straight from the database
/// (<c>--connection-string</c>) or through a running API (<c>--api</c>, an administrator's key), and
/// names the first row that was changed, removed or moved. Exit 0 intact, 1 broken, 2 cannot check.
/// </summary>
public sealed class AuditVerifyCommand : Command
{
    public AuditVerifyCommand(HttpMessageHandler? http = null)
        : base("verify", "Verify the audit chain; report the first row that was changed, removed or reordered.")
    {
        var connection = new Option<string?>("--connection-string")
        {
            Description = $"Read the database directly: PostgreSQL (Host=…;Database=…) or SQLite (Data Source=FILE). Default: ${CliDatabase.ConnectionStringVariable}.",
            HelpName = "CONNECTION",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(CliDatabase.ConnectionStringVariable),
        };
        var api = new Option<string?>("--api") { Description = "Ask a running API instead (GET /api/v1/audit/verify).", HelpName = "URL" };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "An administrator's API key, with --api (default: $MODERATION_API_KEY).",
            HelpName = "KEY",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MODERATION_API_KEY"),
        };
        Options.Add(connection);
        Options.Add(api);
        Options.Add(apiKey);
        SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(api) is { Length: > 0 } url)
            {
                return await ViaApiAsync(url, parse.GetValue(apiKey), http, output, error, cancellationToken);
            }

            if (parse.GetValue(connection) is not { Length: > 0 } connectionString)
            {
                await error.WriteLineAsync($"audit verify: say where the log is: --connection-string (or ${CliDatabase.ConnectionStringVariable}) for the database, or --api URL with --api-key.");
                return ExitCodes.UsageError;
            }

            AuditVerification result;
            try
            {
                await using var database = CliDatabase.Open(connectionString);
                result = await AuditLog.VerifyAsync(database, cancellationToken);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or ArgumentException or InvalidOperationException)
            {
                await error.WriteLineAsync($"audit verify: cannot read the audit log: {ex.Message}");
                return ExitCodes.UsageError;
            }

            return await ReportAsync(result.Intact, result.RowsChecked, result.HeadHash, result.FirstBrokenSequence, result.Problem, output, error);
        });
    }

    private static async Task<int> ViaApiAsync(string url, string? key, HttpMessageHandler? handler, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (key is not { Length: > 0 })
        {
            await error.WriteLineAsync("audit verify: --api needs an administrator's key: --api-key KEY or MODERATION_API_KEY.");
            return ExitCodes.UsageError;
        }

        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        try
        {
            using var response = await http.GetAsync(new Uri(url.TrimEnd('/') + "/api/v1/audit/verify"), cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                await error.WriteLineAsync($"audit verify: {(int)response.StatusCode}: the key was refused or is not an administrator's.");
                return ExitCodes.UsageError;
            }

            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = json.RootElement;
            long? broken = root.TryGetProperty("firstBrokenSequence", out var b) && b.ValueKind == JsonValueKind.Number ? b.GetInt64() : null;
            return await ReportAsync(broken is null, root.GetProperty("rowsChecked").GetInt64(), root.GetProperty("headHash").GetString()!, broken,
                root.TryGetProperty("problem", out var p) ? p.GetString() : null, output, error);
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"audit verify: cannot reach the API at {url}: {ex.Message}");
            return ExitCodes.UsageError;
        }
    }

    private static async Task<int> ReportAsync(bool intact, long rows, string head, long? broken, string? problem, TextWriter output, TextWriter error)
    {
        if (intact)
        {
            await output.WriteLineAsync($"audit log intact: {rows} rows, head {head}");
            return ExitCodes.Success;
        }

        await error.WriteLineAsync($"audit log broken at row {broken}: {problem}");
        await error.WriteLineAsync($"rows 1 to {rows} verify (head {head}); everything from row {broken} on is unproven.");
        return ExitCodes.InvalidInput;
    }
}
