using System.CommandLine;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Moderation.Cli.Rules;

/// <summary>
/// <c>moderation rules import|list|export|activate</c>: rule set management on a running system,
/// through its HTTP API (the API validates again, stores, and announces activations to every scanner).
/// </summary>
internal static class RulesApiCommands
{
    public const string ApiEnvironmentVariable = "MODERATION_API_URL";
    private const string DefaultApi = "http://127.0.0.1:5080";
    public const string ApiKeyEnvironmentVariable = "MODERATION_API_KEY";

    public static IEnumerable<Command> Create(HttpMessageHandler? handler)
    {
        yield return Import(handler);
        yield return List(handler);
        yield return Export(handler);
        yield return Activate(handler);
    }

    private static Command Import(HttpMessageHandler? handler)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The rule set file (JSON) to import." };
        var command = WithApi(new Command("import", "Imports a rule set file. A version is immutable: the same file again changes nothing, a changed file needs a new version."), out var api, out var apiKey);
        command.Arguments.Add(file);
        command.SetAction((parse, cancellationToken) => CallAsync(parse, api, apiKey, handler, async (http, error, output) =>
        {
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                await error.WriteLineAsync($"rules import: file not found: {path.FullName}");
                return ExitCodes.UsageError;
            }

            using var content = new StringContent(await File.ReadAllTextAsync(path.FullName, cancellationToken), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("api/v1/rule-sets", UriKind.Relative), content, cancellationToken);
            return await ReportAsync(response, output, error, summary => $"{(response.StatusCode == HttpStatusCode.Created ? "imported" : "already imported")} {Describe(summary)}");
        }, cancellationToken));
        return command;
    }

    private static Command List(HttpMessageHandler? handler)
    {
        var command = WithApi(new Command("list", "Lists the imported rule sets, newest first, with the active one marked."), out var api, out var apiKey);
        command.SetAction((parse, cancellationToken) => CallAsync(parse, api, apiKey, handler, async (http, error, output) =>
        {
            using var response = await http.GetAsync(new Uri("api/v1/rule-sets", UriKind.Relative), cancellationToken);
            return await ReportAsync(response, output, error, list => string.Join(Environment.NewLine, list.EnumerateArray().Select(Describe).DefaultIfEmpty("no rule sets imported; the embedded default is in use")));
        }, cancellationToken));
        return command;
    }

    private static Command Export(HttpMessageHandler? handler)
    {
        var version = new Argument<string>("VERSION") { Description = "The version to export." };
        var file = new Option<FileInfo?>("--output", "-o") { Description = "Where to write the file (default: standard output).", HelpName = "FILE" };
        var command = WithApi(new Command("export", "Writes an imported rule set exactly as it was imported."), out var api, out var apiKey);
        command.Arguments.Add(version);
        command.Options.Add(file);
        command.SetAction((parse, cancellationToken) => CallAsync(parse, api, apiKey, handler, async (http, error, output) =>
        {
            using var response = await http.GetAsync(new Uri($"api/v1/rule-sets/{Uri.EscapeDataString(parse.GetRequiredValue(version))}", UriKind.Relative), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return await ReportAsync(response, output, error, _ => "");
            }

            var source = await response.Content.ReadAsStringAsync(cancellationToken);
            if (parse.GetValue(file) is { } target)
            {
                await File.WriteAllTextAsync(target.FullName, source, cancellationToken);
            }
            else
            {
                await output.WriteLineAsync(source);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Activate(HttpMessageHandler? handler)
    {
        var version = new Argument<string>("VERSION") { Description = "The imported version to activate." };
        var command = WithApi(new Command("activate", "Makes an imported rule set the active one; every running scanner switches to it."), out var api, out var apiKey);
        command.Arguments.Add(version);
        command.SetAction((parse, cancellationToken) => CallAsync(parse, api, apiKey, handler, async (http, error, output) =>
        {
            using var response = await http.PostAsync(new Uri($"api/v1/rule-sets/{Uri.EscapeDataString(parse.GetRequiredValue(version))}/activate", UriKind.Relative), null, cancellationToken);
            return await ReportAsync(response, output, error, summary => $"activated {Describe(summary)}");
        }, cancellationToken));
        return command;
    }

    internal static Command WithApi(Command command, out Option<string> api, out Option<string?> apiKey)
    {
        api = new Option<string>("--api")
        {
            Description = $"The moderation API (default: ${ApiEnvironmentVariable}, else {DefaultApi}).",
            HelpName = "URL",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ApiEnvironmentVariable) is { Length: > 0 } url ? url : DefaultApi,
        };
        apiKey = new Option<string?>("--api-key")
        {
            Description = $"An administrator's API key (default: ${ApiKeyEnvironmentVariable}). The key's name is recorded as who did it.",
            HelpName = "KEY",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable),
        };
        command.Options.Add(api);
        command.Options.Add(apiKey);
        return command;
    }

    internal static async Task<int> CallAsync(
        ParseResult parse, Option<string> api, Option<string?> apiKey, HttpMessageHandler? handler,
        Func<HttpClient, TextWriter, TextWriter, Task<int>> call, CancellationToken cancellationToken, string command = "rules")
    {
        var error = parse.InvocationConfiguration.Error;
        var baseAddress = parse.GetRequiredValue(api);
        if (!Uri.TryCreate(baseAddress, UriKind.Absolute, out var apiUri) || apiUri.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync($"{command}: --api '{baseAddress}' is not an http(s) URL such as {DefaultApi}.");
            return ExitCodes.UsageError;
        }

        if (parse.GetValue(apiKey) is not { Length: > 0 } key)
        {
            await error.WriteLineAsync($"{command}: an API key is needed: pass --api-key KEY or set {ApiKeyEnvironmentVariable} (an administrator's key; the standalone host prints its demo key at start).");
            return ExitCodes.UsageError;
        }

        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = new Uri(apiUri.ToString().TrimEnd('/') + "/");
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        try
        {
            return await call(http, error, parse.InvocationConfiguration.Output);
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"{command}: cannot reach the moderation API at {baseAddress}: {ex.Message}. Start it, or pass --api / set {ApiEnvironmentVariable}.");
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"{command}: the moderation API at {baseAddress} did not answer in time.");
            return ExitCodes.UsageError;
        }
    }

    /// <summary>Success: the formatted answer on standard output. Failure: the API's problem detail on standard error, exit 1.</summary>
    internal static async Task<int> ReportAsync(HttpResponseMessage response, TextWriter output, TextWriter error, Func<JsonElement, string> format, string command = "rules", string what = "rule sets")
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode)
        {
            using var json = JsonDocument.Parse(body);
            await output.WriteLineAsync(format(json.RootElement));
            return ExitCodes.Success;
        }

        var problem = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "the API key was refused: it is unknown or revoked. Check --api-key / " + ApiKeyEnvironmentVariable + ".",
            HttpStatusCode.Forbidden => $"the API key's role may not do this: {what} are managed with an administrator's key.",
            _ => Problem(body),
        };
        await error.WriteLineAsync($"{command}: {(int)response.StatusCode} {problem}");
        return ExitCodes.InvalidInput;
    }

    private static string Problem(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return root.TryGetProperty("detail", out var detail) ? detail.GetString() ?? body
                : root.TryGetProperty("title", out var title) ? title.GetString() ?? body
                : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static string Describe(JsonElement summary)
    {
        string Text(string name) => summary.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        var activated = Text("activatedAt") is { Length: > 0 } at ? $", activated {at} by {Text("activatedBy")}" : "";
        return $"{Text("version")} [{Text("status")}] {summary.GetProperty("ruleCount").GetInt32()} rules, imported {Text("importedAt")} by {Text("importedBy")}{activated}";
    }
}
