using System.CommandLine;
using Moderation.Cli.Fingerprint;
using Moderation.Cli.Rules;
using Moderation.Cli.Scan;

namespace Moderation.Cli;

/// <summary>The <c>moderation</c> command line: one subcommand per task, each in its own file.</summary>
public static class ModerationCli
{
    public static RootCommand CreateRootCommand(StandardStreams streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var root = new RootCommand("Moderation command-line tools.");
        root.Subcommands.Add(new ScanCommand(streams));
        root.Subcommands.Add(new RulesCommand());
        root.Subcommands.Add(new Models.ModelsCommand());
        root.Subcommands.Add(new FingerprintCommand(streams));
        root.Subcommands.Add(new Train.TrainCommand());
        root.Subcommands.Add(new Evaluate.EvaluateCommand());
        root.Subcommands.Add(new Tune.TuneCommand());
        root.Subcommands.Add(new Labels.ExportLabelsCommand());
        root.Subcommands.Add(new Departments.DepartmentsCommand());
        root.Subcommands.Add(new Notifications.NotificationsCommand());
        root.Subcommands.Add(new Audit.AuditCommand());
        root.Subcommands.Add(new Migrate.MigrateCommand());
        root.Subcommands.Add(new Load.LoadCommand());
        return root;
    }

    /// <summary>Parses and runs a command line; the entry point of the tool and of its tests.</summary>
    /// <param name="configuration">Where help and errors go; the console when null.</param>
    /// <param name="streams">What <c>-</c> means for input and output files; standard input and output when null.</param>
    public static async Task<int> RunAsync(
        string[] args,
        InvocationConfiguration? configuration = null,
        StandardStreams? streams = null,
        CancellationToken cancellationToken = default)
    {
        ParseResult parseResult = CreateRootCommand(streams ?? StandardStreams.Default).Parse(args);
        int exitCode = await parseResult.InvokeAsync(configuration, cancellationToken);

        // System.CommandLine reports parse errors with 1, which here means "some input lines were malformed".
        return parseResult.Errors.Count > 0 ? ExitCodes.UsageError : exitCode;
    }
}
