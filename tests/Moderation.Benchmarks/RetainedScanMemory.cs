using Moderation.Detection;
using Moderation.Learning.Corpus;

namespace Moderation.Benchmarks;

/// <summary>
/// What a detection engine keeps after it has read posts: the non-backtracking regular expressions
/// cache automaton states for the texts they have seen, so a scanner's memory grows with the patterns
/// that read its posts, not with the posts. Builds the default engine, scans every yardstick post
/// (rules only) and prints the managed heap before and after, fully collected, and the process's
/// resident memory (now and at its peak) as it goes: what the runtime holds beyond the live objects.
/// <c>dotnet run -c Release --project tests/Moderation.Benchmarks -- retained-memory</c>
/// </summary>
internal static class RetainedScanMemory
{
    public static void Run()
    {
        IReadOnlyList<CorpusExample> yardstick = CorpusFile.LoadDirectory(YardstickScanBenchmarks.YardstickDirectory());
        long empty = Heap();
        Console.WriteLine($"start: {Resident()}");
        DetectionEngine engine = DetectionEngine.CreateDefault();
        long built = Heap();
        Console.WriteLine($"engine built: {Resident()}");
        int read = 0;
        double total = 0;
        foreach (CorpusExample post in yardstick)
        {
            total += engine.Scan(new ScanInput(post.Title, post.Body)).Score;
            if (++read is 200 or 400)
            {
                Console.WriteLine($"after {read} posts: {Resident()}");
            }
        }

        Console.WriteLine($"after the yardstick: {Resident()}");

        long scanned = Heap();
        Console.WriteLine($"default engine built: {(built - empty) / 1e6:F1} MB");
        Console.WriteLine($"after scanning {yardstick.Count} yardstick posts: {(scanned - empty) / 1e6:F1} MB ({(scanned - built) / 1e6:F1} MB of it cached while scanning; score sum {total:F1})");
        GC.KeepAlive(engine);
    }

    /// <summary>The process's resident memory now and at its peak (Linux), which the managed heap figures leave out.</summary>
    private static string Resident()
    {
        var status = File.ReadAllLines("/proc/self/status");
        string Field(string name) => status.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?[name.Length..].Trim() ?? "?";
        return $"resident {Field("VmRSS:")}, peak {Field("VmHWM:")}";
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
