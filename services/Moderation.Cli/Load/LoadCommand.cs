using System.CommandLine;
using Moderation.Cli.Rules;
using RabbitMQ.Client.Exceptions;

namespace Moderation.Cli.Load;

/// <summary>
/// <c>moderation load</c>: drives a running system the way forums would, and reports throughput,
/// publish-to-verdict latency, scanner memory and whether every post got exactly one verdict.
/// </summary>
public sealed class LoadCommand : Command
{
    /// <summary>The services' own broker URL in a deploy/local env file; the default for <c>--amqp</c>.</summary>
    public const string AmqpEnvironmentVariable = "ConnectionStrings__RabbitMq";

    /// <summary>The services' database in a deploy/local env file; the default for <c>--database</c>.</summary>
    public const string DatabaseEnvironmentVariable = "ConnectionStrings__Postgres";

    private const string Help = """
        Publishes posts to a running system as forums do and measures what comes back. It registers its own
        operators and boards first, through the registration workflow over the Api (an administrator's key:
        apply, submit, start review, approve, collect credentials), then publishes every post with the
        operator's issued broker user and publisher confirms (or through HTTP ingest with --http), reads the
        verdicts from the operators' own verdict queues, and checks that every revision got exactly one
        verdict, from the verdicts and, with --database, from the database.

        Writes a JSON report (--report) and an SVG chart of latency over the run (--chart), prints progress
        on standard error and a summary on standard output.

        Exit codes:
          0  every post got exactly one verdict and no publish failed
          1  a post was lost or answered twice, a publish failed, or the database disagrees
          2  usage error, or the load could not be set up (the Api refused the key, the broker is unreachable)
        """;

    private readonly Option<int> _posts = new("--posts", "-n") { Description = "Messages to publish (new posts and edits).", DefaultValueFactory = _ => 2_000 };
    private readonly Option<double?> _rate = new("--rate") { Description = "Posts a second to publish at; leave out to publish as fast as the in-flight window allows.", HelpName = "PER-SECOND" };
    private readonly Option<int> _operators = new("--operators") { Description = "Simulated forum operators, each with its own broker user.", DefaultValueFactory = _ => 2 };
    private readonly Option<int> _boards = new("--boards") { Description = "Simulated boards, dealt round the operators.", DefaultValueFactory = _ => 4 };
    private readonly Option<int> _inFlight = new("--in-flight") { Description = "Publishes awaiting their confirm (or HTTP answer) at once.", DefaultValueFactory = _ => 500 };
    private readonly Option<string?> _amqp = new("--amqp")
    {
        Description = $"The broker: amqp://[user:password@]host:port/vhost (default: ${AmqpEnvironmentVariable}). Forums connect with their issued users; the user given here is used only by --baseline.",
        HelpName = "URL",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(AmqpEnvironmentVariable),
    };
    private readonly Option<string?> _http = new("--http") { Description = "Submit through HTTP ingest (POST /api/v1/posts) at this base URL instead of AMQP.", HelpName = "URL" };
    private readonly Option<int?> _httpBatch = new("--http-batch") { Description = "With --http: submit through the bulk endpoint (POST /api/v1/posts/batch), up to this many posts a request, as a forum forwarding its posts in bulk does.", HelpName = "POSTS" };
    private readonly Option<bool> _baseline = new("--baseline") { Description = "First send the same messages through a bare quorum queue with confirms, and report the pipeline's throughput as a ratio to it." };
    private readonly Option<string?> _database = new("--database")
    {
        Description = $"PostgreSQL connection string to check exactly-once in the database too (default: ${DatabaseEnvironmentVariable}; 'none' skips it).",
        HelpName = "CONNECTION",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(DatabaseEnvironmentVariable),
    };
    private readonly Option<double> _secretShare = new("--secret-share") { Description = "Share of posts quoting secret material.", DefaultValueFactory = _ => 0.05 };
    private readonly Option<double> _editShare = new("--edit-share") { Description = "Share of messages that are edits (the next revision) of an earlier post.", DefaultValueFactory = _ => 0.1 };
    private readonly Option<double> _chineseShare = new("--chinese-share") { Description = "Share of posts in Chinese; the rest are English.", DefaultValueFactory = _ => 0.7 };
    private readonly Option<int> _seed = new("--seed") { Description = "Seed of the post generator: the same seed makes the same posts.", DefaultValueFactory = _ => 1 };
    private readonly Option<string?> _runId = new("--run-id") { Description = "Prefix of the operators' and boards' ids (default: load-<UTC time>); each run needs a new one.", HelpName = "ID" };
    private readonly Option<FileInfo> _report = new("--report") { Description = "Where to write the JSON report.", HelpName = "FILE", DefaultValueFactory = _ => new FileInfo("load-report.json") };
    private readonly Option<FileInfo> _chart = new("--chart") { Description = "Where to write the latency chart (SVG).", HelpName = "FILE", DefaultValueFactory = _ => new FileInfo("load-latency.svg") };
    private readonly Option<int[]> _scannerPids = new("--scanner-pid") { Description = "Scanner process ids whose memory to sample (default: every process whose command line names Moderation.Scanner.dll).", AllowMultipleArgumentsPerToken = true };
    private readonly Option<double> _patience = new("--patience") { Description = "Seconds without a new verdict, after the last publish, before the missing ones are called lost; also how long a post is sent again after a transient failure before it counts as an error.", HelpName = "SECONDS", DefaultValueFactory = _ => 60 };

    public LoadCommand(HttpMessageHandler? handler = null)
        : base("load", Help)
    {
        RulesApiCommands.WithApi(this, out var api, out var apiKey);
        foreach (var option in new Option[] { _posts, _rate, _operators, _boards, _inFlight, _amqp, _http, _httpBatch, _baseline, _database, _secretShare, _editShare, _chineseShare, _seed, _runId, _report, _chart, _scannerPids, _patience })
        {
            Options.Add(option);
        }

        SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var (settings, problems) = Read(parse, api, apiKey);
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await error.WriteLineAsync($"load: {problem}");
                }

                await error.WriteLineAsync("load: see moderation load --help");
                return ExitCodes.UsageError;
            }

            try
            {
                var report = await new LoadRun(settings!, parse.InvocationConfiguration.Output, error, TimeProvider.System, handler).RunAsync(cancellationToken);
                return report.Passed ? ExitCodes.Success : ExitCodes.InvalidInput;
            }
            catch (Exception ex) when (ex is LoadSetupException or HttpRequestException or BrokerUnreachableException or AuthenticationFailureException or OperationInterruptedException or Npgsql.NpgsqlException)
            {
                await error.WriteLineAsync($"load: {ex.Message}");
                return ExitCodes.UsageError;
            }
        });
    }

    internal (LoadSettings? Settings, IReadOnlyList<string> Problems) Read(ParseResult parse, Option<string> api, Option<string?> apiKey)
    {
        var problems = new List<string>();
        Uri? Url(string flag, string? text)
        {
            if (text is null)
            {
                return null;
            }

            if (Uri.TryCreate(text, UriKind.Absolute, out var url))
            {
                return url;
            }

            problems.Add($"{flag} '{text}' is not an absolute URL");
            return null;
        }

        var apiUrl = Url("--api", parse.GetValue(api)) ?? new Uri("http://invalid.invalid");
        var database = parse.GetValue(_database);
        var settings = new LoadSettings
        {
            Posts = parse.GetValue(_posts),
            Rate = parse.GetValue(_rate),
            Operators = parse.GetValue(_operators),
            Boards = parse.GetValue(_boards),
            InFlight = parse.GetValue(_inFlight),
            Api = apiUrl,
            ApiKey = parse.GetValue(apiKey),
            Amqp = Url("--amqp", parse.GetValue(_amqp)),
            Http = Url("--http", parse.GetValue(_http)),
            HttpBatch = parse.GetValue(_httpBatch),
            Baseline = parse.GetValue(_baseline),
            Database = database is null || database.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : database,
            Mix = new MixSettings(parse.GetValue(_chineseShare), parse.GetValue(_secretShare), parse.GetValue(_editShare), parse.GetValue(_seed)),
            RunId = parse.GetValue(_runId) ?? $"load-{DateTime.UtcNow:yyyyMMddHHmmss}",
            Report = parse.GetValue(_report)!,
            Chart = parse.GetValue(_chart)!,
            ScannerPids = parse.GetValue(_scannerPids) ?? [],
            Patience = double.IsFinite(parse.GetValue(_patience)) ? TimeSpan.FromSeconds(parse.GetValue(_patience)) : TimeSpan.Zero,
        };
        problems.AddRange(settings.Problems());
        return (problems.Count == 0 ? settings : null, problems);
    }
}
