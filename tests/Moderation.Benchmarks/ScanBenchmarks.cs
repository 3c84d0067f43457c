using BenchmarkDotNet.Attributes;
using Moderation.Detection;

namespace Moderation.Benchmarks;

/// <summary>The whole detection hot path: normalise, match every rule, fuse, decide.</summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    private readonly DetectionEngine _engine = DetectionEngine.CreateDefault();
    private readonly ScanInput _shortClean = new("求助", SamplePosts.ShortClean);
    private readonly ScanInput _longClean = new("生活随笔", SamplePosts.LongClean);
    private readonly ScanInput _marked = new("会议纪要", SamplePosts.Marked);

    [Benchmark(Baseline = true)]
    public ScanResult ShortCleanPost() => _engine.Scan(_shortClean);

    [Benchmark]
    public ScanResult LongCleanPost() => _engine.Scan(_longClean);

    [Benchmark]
    public ScanResult MarkedPost() => _engine.Scan(_marked);
}
