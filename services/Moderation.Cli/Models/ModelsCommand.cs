using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Moderation.Cli.Rules;
using Moderation.Detection.Classification;
using Moderation.Learning.Training;

namespace Moderation.Cli.Models;

/// <summary>
/// <c>moderation models import|list|activate|rollback</c>: the model registry of a running system,
/// through its HTTP API (administrator's key). An activation or rollback reaches every scanner at once.
/// </summary>
public sealed class ModelsCommand : Command
{
    private const string CommandName = "models";

    public ModelsCommand(HttpMessageHandler? handler = null)
        : base(CommandName, "Import, list, activate and roll back classifier models on a running system.")
    {
        Subcommands.Add(Import(handler));
        Subcommands.Add(List(handler));
        Subcommands.Add(Activate(handler));
        Subcommands.Add(RollBack(handler));
    }

    private static Command Import(HttpMessageHandler? handler)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The model file (zip) moderation train wrote." };
        var command = RulesApiCommands.WithApi(new Command("import", "Imports a model file with its figures. A version is immutable: the same file again changes nothing."), out var api, out var apiKey);
        command.Arguments.Add(file);
        command.SetAction((parse, cancellationToken) => RulesApiCommands.CallAsync(parse, api, apiKey, handler, async (http, error, output) =>
        {
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                await error.WriteLineAsync($"models import: file not found: {path.FullName}");
                return ExitCodes.UsageError;
            }

            // Checked here too, so a wrong file is named before it travels.
            try
            {
                using var model = ModerationModel.Load(path.FullName);
            }
            catch (ModelFormatException ex)
            {
                await error.WriteLineAsync($"models import: {path.FullName}: {ex.Message}");
                return ExitCodes.InvalidInput;
            }

            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path.FullName, cancellationToken));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            using var response = await http.PostAsync(new Uri("api/v1/models", UriKind.Relative), content, cancellationToken);
            return await Report(response, output, error, summary => $"{(response.StatusCode == HttpStatusCode.Created ? "imported" : "already imported")} {Describe(summary)}");
        }, cancellationToken, CommandName));
        return command;
    }

    private static Command List(HttpMessageHandler? handler)
    {
        var command = RulesApiCommands.WithApi(new Command("list", "Lists the imported models, newest first, with their figures and the active one marked."), out var api, out var apiKey);
        command.SetAction((parse, cancellationToken) => RulesApiCommands.CallAsync(parse, api, apiKey, handler, async (http, error, output) =>
        {
            using var response = await http.GetAsync(new Uri("api/v1/models", UriKind.Relative), cancellationToken);
            return await Report(response, output, error, list => string.Join(Environment.NewLine,
                list.EnumerateArray().Select(Describe).DefaultIfEmpty("no models imported; the default model (trained from the shipped corpus) is in use")));
        }, cancellationToken, CommandName));
        return command;
    }

    private static Command Activate(HttpMessageHandler? handler)
    {
        var version = new Argument<string>("VERSION") { Description = "The imported version to activate." };
        var command = RulesApiCommands.WithApi(new Command("activate", "Makes an imported model the active one; every running scanner switches to it."), out var api, out var apiKey);
        command.Arguments.Add(version);
        command.SetAction((parse, cancellationToken) => RulesApiCommands.CallAsync(parse, api, apiKey, handler, async (http, error, output) =>
        {
            using var response = await http.PostAsync(new Uri($"api/v1/models/{Uri.EscapeDataString(parse.GetRequiredValue(version))}/activate", UriKind.Relative), null, cancellationToken);
            return await Report(response, output, error, summary => $"activated {Describe(summary)}");
        }, cancellationToken, CommandName));
        return command;
    }

    private static Command RollBack(HttpMessageHandler? handler)
    {
        var command = RulesApiCommands.WithApi(new Command("rollback", "Returns to the model the active one replaced; every running scanner switches back. Again goes one further back."), out var api, out var apiKey);
        command.SetAction((parse, cancellationToken) => RulesApiCommands.CallAsync(parse, api, apiKey, handler, async (http, error, output) =>
        {
            using var response = await http.PostAsync(new Uri("api/v1/models/rollback", UriKind.Relative), null, cancellationToken);
            return await Report(response, output, error, summary => $"rolled back to {Describe(summary)}");
        }, cancellationToken, CommandName));
        return command;
    }

    private static Task<int> Report(HttpResponseMessage response, TextWriter output, TextWriter error, Func<JsonElement, string> format) =>
        RulesApiCommands.ReportAsync(response, output, error, format, CommandName, "models");

    private static string Describe(JsonElement summary)
    {
        string Text(string name) => summary.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        string Figure(string name) => summary.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble().ToString("0.000", CultureInfo.InvariantCulture) : "-";
        var activated = Text("activatedAt") is { Length: > 0 } at ? $", activated {at} by {Text("activatedBy")}" : "";
        return $"{Text("version")} [{Text("status")}] AUC {Figure("rocAuc")}, recall {Figure("recallAtHold")}, FPR {Figure("falsePositiveRateAtHold")}; "
            + $"{summary.GetProperty("trainingExamples").GetInt32()} training posts; imported {Text("importedAt")} by {Text("importedBy")}{activated}";
    }
}
