using System.CommandLine;
using Moderation.Cli.Scan;
using Moderation.Detection;

namespace Moderation.Cli.Rules;

/// <summary>
/// <c>moderation rules validate FILE [--sample POSTS.jsonl] [--against RULES.json]</c>: compiles a rule
/// set and, with a sample, shows every post whose decision it would change before anyone activates it.
/// </summary>
public sealed class RulesValidateCommand : Command
{
    private const string Help = """
        Compiles a rule set file offline (every pattern, every term) and reports the first problem with
        the rule id and the reason. With --sample, scans a JSONL file of posts (the input format of
        'moderation scan') with the new rules and with the rules they replace (--against, or the embedded
        default), counts the decisions of both and lists every post whose decision changes.

        Exit codes: 0 the rule set compiles; 1 it does not (or a sample line is malformed); 2 usage error.
        """;

    private readonly Argument<FileInfo> _file = new("FILE") { Description = "The rule set file (JSON) to check." };

    private readonly Option<FileInfo?> _sample = new("--sample", "-s")
    {
        Description = "JSONL posts to try the rule set on.",
        HelpName = "POSTS.jsonl",
    };

    private readonly Option<FileInfo?> _against = new("--against", "-a")
    {
        Description = "The rule set to compare with (default: the embedded default rules).",
        HelpName = "RULES.json",
    };

    public RulesValidateCommand()
        : base("validate", Help)
    {
        Arguments.Add(_file);
        Options.Add(_sample);
        Options.Add(_against);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var file = parseResult.GetRequiredValue(_file);
        var sample = parseResult.GetValue(_sample);
        var against = parseResult.GetValue(_against);
        foreach (var required in new[] { file, sample, against }.OfType<FileInfo>())
        {
            if (!required.Exists)
            {
                await error.WriteLineAsync($"rules validate: file not found: {required.FullName}");
                return ExitCodes.UsageError;
            }
        }

        var candidate = await LoadAsync(file, error, cancellationToken);
        var baseline = against is null ? RuleSet.LoadDefault() : await LoadAsync(against, error, cancellationToken);
        if (candidate is null || baseline is null)
        {
            return ExitCodes.InvalidInput;
        }

        await output.WriteLineAsync($"{file.Name}: rule set {candidate.Version} compiles: {candidate.Rules.Count} rules "
            + $"({string.Join(", ", candidate.Rules.GroupBy(r => r.Category).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"))}).");
        return sample is null ? ExitCodes.Success : await CompareAsync(candidate, baseline, sample, output, error, cancellationToken);
    }

    private static async Task<RuleSet?> LoadAsync(FileInfo file, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            return RuleSet.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken));
        }
        catch (RuleSetException ex)
        {
            await error.WriteLineAsync($"{file.Name}: {ex.Message}");
            return null;
        }
    }

    private static async Task<int> CompareAsync(RuleSet candidate, RuleSet baseline, FileInfo sample, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var next = new DetectionEngine(candidate, DecisionThresholds.Default);
        var current = new DetectionEngine(baseline, DecisionThresholds.Default);
        var counts = new Dictionary<(Decision Current, Decision Next), int>();
        var malformed = 0;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(sample.FullName))
        {
            lineNumber++;
            cancellationToken.ThrowIfCancellationRequested();
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (!PostLine.TryParse(line, out var post, out var problem))
            {
                malformed++;
                await error.WriteLineAsync($"{sample.Name} line {lineNumber}: {problem}");
                continue;
            }

            var input = new ScanInput(post.Title, post.Body);
            var before = current.Scan(input);
            var after = next.Scan(input);
            counts[(before.Decision, after.Decision)] = counts.GetValueOrDefault((before.Decision, after.Decision)) + 1;
            if (before.Decision != after.Decision)
            {
                var rules = string.Join(", ", after.Findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal));
                await output.WriteLineAsync($"line {lineNumber} {post.Id}: {Label(before.Decision)} -> {Label(after.Decision)} (score {before.Score:0.####} -> {after.Score:0.####}{(rules.Length > 0 ? $"; rules {rules}" : "")})");
            }
        }

        var total = counts.Values.Sum();
        var changed = counts.Where(c => c.Key.Current != c.Key.Next).Sum(c => c.Value);
        await output.WriteLineAsync($"{total} posts: {candidate.Version} decides {Tally(counts, k => k.Next)}; {baseline.Version} decided {Tally(counts, k => k.Current)}; {changed} change.");
        return malformed > 0 ? ExitCodes.InvalidInput : ExitCodes.Success;
    }

    private static string Tally(Dictionary<(Decision Current, Decision Next), int> counts, Func<(Decision Current, Decision Next), Decision> side) =>
        string.Join(", ", Enum.GetValues<Decision>().Select(d => $"{counts.Where(c => side(c.Key) == d).Sum(c => c.Value)} {Label(d)}"));

    private static string Label(Decision decision) => decision.ToString().ToLowerInvariant();
}
