using Moderation.Detection;
using Moderation.Learning.Corpus;

namespace Moderation.Benchmarks;

/// <summary>
/// What a detection engine keeps after it has read posts: the non-backtracking regular expressions
/// cache automaton states for the texts they have seen, so a scanner's memory grows with the patterns
/// that read its posts, not with the posts. Builds the default engine, scans every yardstick post
/// (rules only) and prints the managed heap before and after, fully collected.
/// <c>dotnet run -c Release --project tests/Moderation.Benchmarks -- retained-memory</c>
/// </summary>
internal static class RetainedScanMemory
{
    public static void Run()
    {
        IReadOnlyList<CorpusExample> yardstick = CorpusFile.LoadDirectory(YardstickScanBenchmarks.YardstickDirectory());
        long empty = Heap();
        DetectionEngine engine = DetectionEngine.CreateDefault();
        long built = Heap();
        double total = 0;
        foreach (CorpusExample post in yardstick)
        {
            total += engine.Scan(new ScanInput(post.Title, post.Body)).Score;
        }

        long scanned = Heap();
        Console.WriteLine($"default engine built: {(built - empty) / 1e6:F1} MB");
        Console.WriteLine($"after scanning {yardstick.Count} yardstick posts: {(scanned - empty) / 1e6:F1} MB ({(scanned - built) / 1e6:F1} MB of it cached while scanning; score sum {total:F1})");
        GC.KeepAlive(engine);
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
