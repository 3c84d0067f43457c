using System.Diagnostics;
using System.Text.RegularExpressions;
using Moderation.Detection;
using Moderation.Detection.Matching;
using Moderation.Detection.Normalization;
using Moderation.Learning.Corpus;

namespace Moderation.Benchmarks;

/// <summary>
/// Which engine the trial gave each branch of the default rule set's patterns, and what each branch
/// costs on either engine over the yardstick's posts (the best of five passes over the texts that
/// hold its literals, per yardstick post). Run it in several processes to see how steady the trial's
/// choice is and what a wrong one costs; <c>decisions</c> prints only the branches kept
/// non-backtracking, <c>pattern P…</c> times patterns of one's own (a rewrite of a costly branch) the same way.
/// <c>dotnet run -c Release --project tests/Moderation.Benchmarks -- engine-choices [decisions | pattern P…]</c>
/// </summary>
internal static class EngineChoices
{
    private static readonly RegexOptions Backtracking = RuleSetParser.PatternOptions & ~RegexOptions.NonBacktracking | RegexOptions.Compiled;

    public static void Run(string[] args)
    {
        IReadOnlyList<CorpusExample> yardstick = CorpusFile.LoadDirectory(YardstickScanBenchmarks.YardstickDirectory());
        string[] texts = [.. yardstick.SelectMany(p => new[] { p.Title, p.Body }).Where(t => !string.IsNullOrEmpty(t)).Select(t => TextNormalizer.NormalizeToString(t))];
        if (args is [_, "pattern", .. var patterns])
        {
            foreach (string pattern in patterns)
            {
                (int read, double backtracking, double linear) = Measure(pattern, PatternLiterals.Required(pattern), texts, yardstick.Count);
                Console.WriteLine($"texts {read,5}  backtracking {backtracking,7:F3}  linear {linear,7:F3} µs a post  {pattern}");
            }

            return;
        }

        var engine = DetectionEngine.CreateDefault();
        for (int pass = 0; pass < 4; pass++)
        {
            foreach (CorpusExample post in yardstick)
            {
                engine.Scan(new ScanInput(post.Title, post.Body));
            }
        }

        (Rule Rule, PatternMatcher Branch)[] branches = [.. engine.RuleSet.Rules.SelectMany(r => r.Branches.Select(b => (r, b)))];
        if (args.Contains("decisions"))
        {
            Console.WriteLine("non-backtracking: " + string.Join(" ", branches.Where(b => b.Branch.Linear).Select(b => Name(b.Rule, b.Branch))));
            return;
        }

        double chosen = 0, best = 0;
        foreach ((Rule rule, PatternMatcher branch) in branches)
        {
            (int read, double backtracking, double linear) = Measure(branch.Pattern, branch.Literals, texts, yardstick.Count);
            chosen += branch.Linear ? linear : backtracking;
            best += Math.Min(linear, backtracking);
            Console.WriteLine($"{Name(rule, branch),-48} texts {read,5}  kept {(branch.Linear ? "linear     " : "backtracking")}  backtracking {backtracking,7:F3}  linear {linear,7:F3} µs a post");
        }

        Console.WriteLine($"patterns on the kept engines {chosen:F2} µs a post; on the cheaper of each {best:F2}");
    }

    private static string Name(Rule rule, PatternMatcher branch) =>
        rule.Branches.Count == 1 ? rule.Id : $"{rule.Id}#{rule.Branches.ToList().IndexOf(branch) + 1}";

    /// <summary>The texts holding one of <paramref name="literals"/> (all when null), and the pattern's cost over them on each engine, per post.</summary>
    private static (int Read, double Backtracking, double Linear) Measure(string pattern, IReadOnlyList<string>? literals, string[] texts, int posts)
    {
        string[] read = literals is null ? texts : [.. texts.Where(t => literals.Any(l => t.Contains(l, StringComparison.Ordinal)))];
        return (read.Length,
            Cost(new Regex(pattern, Backtracking), read, posts),
            Cost(new Regex(pattern, RuleSetParser.PatternOptions), read, posts));
    }

    private static double Cost(Regex regex, string[] texts, int posts)
    {
        foreach (string text in texts)
        {
            regex.Count(text);
        }

        long best = long.MaxValue;
        for (int i = 0; i < 5; i++)
        {
            long start = Stopwatch.GetTimestamp();
            foreach (string text in texts)
            {
                regex.Count(text);
            }

            best = Math.Min(best, Stopwatch.GetTimestamp() - start);
        }

        return best * 1e6 / Stopwatch.Frequency / posts;
    }
}
