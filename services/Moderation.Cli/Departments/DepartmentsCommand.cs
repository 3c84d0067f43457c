using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Moderation.Storage.Departments;

namespace Moderation.Cli.Departments;

/// <summary>
/// <c>moderation departments validate|import FILE</c>: the security department directory (JSON Lines,
/// one department per line). Both check the file here first and name every problem by line and field;
/// <c>import</c> then sends it to the API, which checks it against the stored directory and stores it all or nothing.
/// </summary>
public sealed class DepartmentsCommand : Command
{
    private const string ApiEnvironmentVariable = "MODERATION_API_URL";
    private const string ApiKeyEnvironmentVariable = "MODERATION_API_KEY";
    private const string DefaultApi = "http://127.0.0.1:5080";

    public DepartmentsCommand(HttpMessageHandler? handler = null)
        : base("departments", "Validate and import the security department directory (GB/T 2260 division codes, delivery endpoints).")
    {
        var validateFile = new Argument<FileInfo>("FILE") { Description = "The directory file (JSON Lines)." };
        var validate = new Command("validate", "Checks a directory file offline; exit 1 when any line has a problem.");
        validate.Arguments.Add(validateFile);
        validate.SetAction((parse, _) => ValidateAsync(parse, parse.GetRequiredValue(validateFile)));
        Subcommands.Add(validate);

        var importFile = new Argument<FileInfo>("FILE") { Description = "The directory file (JSON Lines)." };
        var api = new Option<string>("--api")
        {
            Description = $"The moderation API (default: ${ApiEnvironmentVariable}, else {DefaultApi}).",
            HelpName = "URL",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ApiEnvironmentVariable) is { Length: > 0 } url ? url : DefaultApi,
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = $"An administrator's API key (default: ${ApiKeyEnvironmentVariable}).",
            HelpName = "KEY",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable),
        };
        var import = new Command("import", "Checks the file, then creates or updates every department in it on the running system (all or nothing).");
        import.Arguments.Add(importFile);
        import.Options.Add(api);
        import.Options.Add(apiKey);
        import.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetRequiredValue(importFile);
            var checkedExit = await ValidateAsync(parse, file);
            if (checkedExit != ExitCodes.Success)
            {
                return checkedExit;
            }

            var error = parse.InvocationConfiguration.Error;
            if (!Uri.TryCreate(parse.GetRequiredValue(api), UriKind.Absolute, out var apiUri) || apiUri.Scheme is not ("http" or "https"))
            {
                await error.WriteLineAsync($"departments: --api '{parse.GetValue(api)}' is not an http(s) URL such as {DefaultApi}.");
                return ExitCodes.UsageError;
            }

            if (parse.GetValue(apiKey) is not { Length: > 0 } key)
            {
                await error.WriteLineAsync($"departments: an administrator's API key is needed: pass --api-key KEY or set {ApiKeyEnvironmentVariable}.");
                return ExitCodes.UsageError;
            }

            using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
            http.BaseAddress = new Uri(apiUri.ToString().TrimEnd('/') + "/");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            try
            {
                using var content = new StringContent(await File.ReadAllTextAsync(file.FullName, cancellationToken), Encoding.UTF8, "application/x-ndjson");
                using var response = await http.PostAsync(new Uri("api/v1/departments/import", UriKind.Relative), content, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    using var json = JsonDocument.Parse(body);
                    await parse.InvocationConfiguration.Output.WriteLineAsync($"imported {json.RootElement.GetProperty("departments").GetInt32()} department(s) from {file.Name}");
                    return ExitCodes.Success;
                }

                await error.WriteLineAsync($"departments: {(int)response.StatusCode} {Problem(response.StatusCode, body)}");
                return ExitCodes.InvalidInput;
            }
            catch (HttpRequestException ex)
            {
                await error.WriteLineAsync($"departments: cannot reach the moderation API at {apiUri}: {ex.Message}. Start it, or pass --api / set {ApiEnvironmentVariable}.");
                return ExitCodes.UsageError;
            }
        });
        Subcommands.Add(import);
    }

    private static async Task<int> ValidateAsync(ParseResult parse, FileInfo file)
    {
        var error = parse.InvocationConfiguration.Error;
        if (!file.Exists)
        {
            await error.WriteLineAsync($"departments: file not found: {file.FullName}");
            return ExitCodes.UsageError;
        }

        var (departments, problems) = DepartmentFile.Parse(await File.ReadAllTextAsync(file.FullName));
        foreach (var problem in problems)
        {
            await error.WriteLineAsync($"{file.Name}: {problem}");
        }

        if (problems.Count > 0)
        {
            await error.WriteLineAsync($"departments: {problems.Count} problem(s); nothing imported.");
            return ExitCodes.InvalidInput;
        }

        if (departments.Count == 0)
        {
            await error.WriteLineAsync($"departments: {file.Name} holds no department (one JSON object per line).");
            return ExitCodes.InvalidInput;
        }

        if (parse.CommandResult.Command.Name == "validate")
        {
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{file.Name}: {departments.Count} department(s), no problems");
        }

        return ExitCodes.Success;
    }

    private static string Problem(HttpStatusCode status, string body)
    {
        if (status == HttpStatusCode.Unauthorized)
        {
            return $"the API key was refused. Check --api-key / {ApiKeyEnvironmentVariable}.";
        }

        if (status == HttpStatusCode.Forbidden)
        {
            return "the directory is managed with an administrator's key.";
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
