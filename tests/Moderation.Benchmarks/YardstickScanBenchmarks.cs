using BenchmarkDotNet.Attributes;
using Moderation.Detection;
using Moderation.Detection.Classification;
using Moderation.Learning;
using Moderation.Learning.Corpus;
using Moderation.Learning.Training;

namespace Moderation.Benchmarks;

/// <summary>
/// The whole scan (rules and the default model over one normalisation) per post, over posts nobody on
/// the project wrote in the detector's terms: every post of the hand-written yardstick (notices, near
/// misses, ordinary posts, leaks, evasions; most 50 to 600 characters), then its leaks alone. The
/// figures are means per post: BenchmarkDotNet divides each pass by the number of posts.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class YardstickScanBenchmarks
{
    private const int YardstickPosts = 1318;
    private const int YardstickLeaks = 579;

    private TextClassifier _classifier = null!;
    private DetectionEngine _engine = null!;
    private ScanInput[] _posts = null!;
    private ScanInput[] _leaks = null!;

    [GlobalSetup]
    public void Setup()
    {
        using ModerationModel model = ModelCatalog.GetOrTrainDefault(Path.Combine(Path.GetTempPath(), "moderation-benchmark-models"));
        _classifier = model.Classifier;
        _engine = DetectionEngine.CreateDefault();
        IReadOnlyList<CorpusExample> yardstick = CorpusFile.LoadDirectory(YardstickDirectory());
        _posts = [.. yardstick.Select(p => new ScanInput(p.Title, p.Body))];
        _leaks = [.. yardstick.Where(p => p.Label == CorpusLabels.Secret).Select(p => new ScanInput(p.Title, p.Body))];

        // OperationsPerInvoke is a constant; a yardstick that grew or shrank would divide by the wrong count.
        if (_posts.Length != YardstickPosts || _leaks.Length != YardstickLeaks)
        {
            throw new InvalidOperationException(
                $"the yardstick has {_posts.Length} posts and {_leaks.Length} leaks; update {nameof(YardstickPosts)} and {nameof(YardstickLeaks)}");
        }
    }

    /// <summary>The engine each pattern ended on: the trial's choice varies between processes, and the cost with it.</summary>
    [GlobalCleanup]
    public void PrintEngineChoices() =>
        Console.WriteLine("// non-backtracking: " + string.Join(", ", _engine.RuleSet.Rules.Where(r => r.Branches.Any(b => b.Linear)).Select(r => r.Id)));

    [Benchmark(Baseline = true, OperationsPerInvoke = YardstickPosts)]
    public double EveryPostWithModel() => ScanAll(_posts);

    [Benchmark(OperationsPerInvoke = YardstickLeaks)]
    public double LeaksWithModel() => ScanAll(_leaks);

    private double ScanAll(ScanInput[] posts)
    {
        double total = 0;
        foreach (ScanInput post in posts)
        {
            total += _engine.Scan(post, classifier: _classifier).Score;
        }

        return total;
    }

    internal static string YardstickDirectory()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "shared", "Moderation.Learning", "Yardstick");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"shared/Moderation.Learning/Yardstick not found above {AppContext.BaseDirectory}; run from the repository");
    }
}
