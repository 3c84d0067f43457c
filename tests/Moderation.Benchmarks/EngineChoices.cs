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
/// choice is and what a wrong one costs.
/// <c>dotnet run -c Release --project tests/Moderation.Benchmarks -- engine-choices [decisions]</c>
/// </summary>
internal static class EngineChoices
{
    public static void Run(string[] args)
    {
        IReadOnlyList<CorpusExample> yardstick = CorpusFile.LoadDirectory(YardstickScanBenchmarks.YardstickDirectory());
        var engine = DetectionEngine.CreateDefault();
        for (int pass = 0; pass < 4; pass++)
        {
            foreach (CorpusExample post in yardstick)
            {
                engine.Scan(new ScanInput(post.Title, post.Body));
            }
        }

        if (args.Contains("model-share"))
        {
            using var model = Moderation.Learning.ModelCatalog.GetOrTrainDefault(Path.Combine(Path.GetTempPath(), "moderation-benchmark-models"));
            ScanInput[] inputs = [.. yardstick.Select(p => new ScanInput(p.Title, p.Body))];
            for (int round = 0; round < 3; round++)
            {
                double with = Time(() => { foreach (ScanInput input in inputs) { engine.Scan(input, classifier: model.Classifier); } }) / inputs.Length;
                double without = Time(() => { foreach (ScanInput input in inputs) { engine.Scan(input); } }) / inputs.Length;
                Console.WriteLine($"scan with the model {with:F2} µs a post, rules alone {without:F2}");
            }

            return;
        }

        (Rule Rule, PatternMatcher Branch)[] branches = [.. engine.RuleSet.Rules.SelectMany(r => r.Branches.Select(b => (r, b)))];
        if (args.Contains("decisions"))
        {
            Console.WriteLine("non-backtracking: " + string.Join(" ", branches.Where(b => b.Branch.Linear).Select(b => Name(b.Rule, b.Branch))));
            return;
        }

        string[] texts = [.. yardstick.SelectMany(p => new[] { p.Title, p.Body }).Where(t => !string.IsNullOrEmpty(t)).Select(t => TextNormalizer.NormalizeToString(t))];
        if (args.Length > 2 && args[1] == "whole")
        {
            Rule? whole = engine.RuleSet.Rules.SingleOrDefault(r => r.Id == args[2]);
            foreach (string pattern in whole is null ? args[2..] : whole.Branches.Select(b => b.Pattern).Prepend(whole.Pattern!))
            {
                var literals = PatternLiterals.Required(pattern);
                string[] on = literals is null ? texts : [.. texts.Where(t => literals.Any(l => t.Contains(l, StringComparison.Ordinal)))];
                Console.WriteLine($"{on.Length,5} bt {Cost(new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase), on, yardstick.Count),7:F3} nb {Cost(new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase), on, yardstick.Count),7:F3}  {pattern[..Math.Min(60, pattern.Length)]}");
            }

            return;
        }

        double chosen = 0, best = 0;
        foreach ((Rule rule, PatternMatcher branch) in branches)
        {
            string[] armed = branch.Literals is null ? texts : [.. texts.Where(t => branch.Literals.Any(l => t.Contains(l, StringComparison.Ordinal)))];
            double backtracking = Cost(new Regex(branch.Pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase), armed, yardstick.Count);
            double linear = Cost(new Regex(branch.Pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase), armed, yardstick.Count);
            chosen += branch.Linear ? linear : backtracking;
            best += Math.Min(linear, backtracking);
            Console.WriteLine($"{Name(rule, branch),-48} texts {armed.Length,5}  kept {(branch.Linear ? "linear     " : "backtracking")}  backtracking {backtracking,7:F3}  linear {linear,7:F3} µs a post");
        }

        Console.WriteLine($"patterns on the kept engines {chosen:F2} µs a post; on the cheaper of each {best:F2}");
    }

    private static string Name(Rule rule, PatternMatcher branch) =>
        rule.Branches.Count == 1 ? rule.Id : $"{rule.Id}#{rule.Branches.ToList().IndexOf(branch) + 1}";

    private static double Time(Action pass)
    {
        long best = long.MaxValue;
        for (int i = 0; i < 5; i++)
        {
            long start = Stopwatch.GetTimestamp();
            pass();
            best = Math.Min(best, Stopwatch.GetTimestamp() - start);
        }

        return best * 1e6 / Stopwatch.Frequency;
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
