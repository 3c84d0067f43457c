using System.CommandLine;
using System.Globalization;
using Moderation.Cli.Audit;
using Moderation.Learning.Corpus;
using Moderation.Storage.Database;
using Moderation.Storage.Models;

namespace Moderation.Cli.Labels;

/// <summary><c>moderation export-labels</c>: moderators' Release and Confirm decisions as labelled examples for the next training run.</summary>
public sealed class ExportLabelsCommand : Command
{
    private const string Help = """
        Writes moderators' decisions as labelled examples in the corpus format (JSONL), to merge into the
        next training run with `moderation train --extra FILE`: Confirm is label secret (category
        moderator-confirmed), Release is label clean (moderator-released), split train. Each post revision
        counts once, with its latest Release or Confirm; Escalate is no label. A confirmed post whose text
        was purged after hand-off to the department is left out, and the count says how many.

        Exit codes: 0 written; 2 usage error (no database given, database unreachable, output not writable).
        """;

    private readonly Option<string?> _connection = new("--connection-string")
    {
        Description = $"The database: PostgreSQL (Host=…;Database=…) or SQLite (Data Source=FILE). Default: ${CliDatabase.ConnectionStringVariable}.",
        HelpName = "CONNECTION",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(CliDatabase.ConnectionStringVariable),
    };

    private readonly Option<string> _output = new("--output", "-o")
    {
        Description = "The JSONL file to write (replaced if it exists).",
        HelpName = "FILE",
        Required = true,
    };

    private readonly Option<DateTimeOffset?> _since = new("--since")
    {
        Description = "Only decisions taken at or after this moment (ISO 8601, e.g. 2026-11-01T00:00:00Z).",
        HelpName = "TIME",
    };

    public ExportLabelsCommand()
        : base("export-labels", Help)
    {
        Options.Add(_connection);
        Options.Add(_output);
        Options.Add(_since);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        TextWriter error = parse.InvocationConfiguration.Error;
        if (parse.GetValue(_connection) is not { Length: > 0 } connectionString)
        {
            await error.WriteLineAsync($"export-labels: say which database: --connection-string or ${CliDatabase.ConnectionStringVariable}.");
            return ExitCodes.UsageError;
        }

        IReadOnlyList<DecisionLabel> labels;
        try
        {
            await using var database = CliDatabase.Open(connectionString);
            labels = await new DecisionLabels(database).ReadAsync(parse.GetValue(_since), cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or ArgumentException or InvalidOperationException)
        {
            await error.WriteLineAsync($"export-labels: cannot read the decisions: {ex.Message}");
            return ExitCodes.UsageError;
        }

        (List<CorpusExample> examples, int purged) = LabelExport.ToExamples(labels);
        string path = parse.GetRequiredValue(_output);
        try
        {
            CorpusFile.Save(path, examples);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"export-labels: cannot write {path}: {ex.Message}");
            return ExitCodes.UsageError;
        }

        int secret = examples.Count(e => e.IsSecret);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"exported {examples.Count} labelled posts to {path}: {secret} secret (confirmed), {examples.Count - secret} clean (released)"));
        if (purged > 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"left out {purged} confirmed posts whose text was purged after hand-off to the department"));
        }

        return ExitCodes.Success;
    }
}
