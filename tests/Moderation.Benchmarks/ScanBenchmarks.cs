using BenchmarkDotNet.Attributes;
using Moderation.Detection;
using Moderation.Detection.Fingerprints;

namespace Moderation.Benchmarks;

/// <summary>
/// The whole detection hot path without the model: normalise, match every rule, fingerprint, fuse,
/// decide. The 500-character posts are the figure the engine is held to.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ScanBenchmarks
{
    private readonly DetectionEngine _engine = DetectionEngine.CreateDefault();
    private readonly FingerprintIndex _fingerprints = SampleFingerprints.Index;
    private readonly ScanInput _shortClean = new("求助", SamplePosts.ShortClean);
    private readonly ScanInput _longClean = new("生活随笔", SamplePosts.LongClean);
    private readonly ScanInput _marked = new("会议纪要", SamplePosts.Marked);
    private readonly ScanInput _clean500 = new("周末随笔", SamplePosts.Clean500);
    private readonly ScanInput _marked500 = new("转一个通知", SamplePosts.Marked500);
    private readonly ScanInput _quoting500 = new("看看这个", SamplePosts.Quoting500);

    [Benchmark(Baseline = true)]
    public ScanResult ShortCleanPost() => _engine.Scan(_shortClean);

    [Benchmark]
    public ScanResult LongCleanPost() => _engine.Scan(_longClean);

    [Benchmark]
    public ScanResult MarkedPost() => _engine.Scan(_marked);

    [Benchmark]
    public ScanResult Post500Clean() => _engine.Scan(_clean500);

    [Benchmark]
    public ScanResult Post500Marked() => _engine.Scan(_marked500);

    [Benchmark]
    public ScanResult Post500CleanWithFingerprints() => _engine.Scan(_clean500, _fingerprints);

    [Benchmark]
    public ScanResult Post500MarkedWithFingerprints() => _engine.Scan(_marked500, _fingerprints);

    /// <summary>A post quoting 300 characters of one of the 1,000 protected documents.</summary>
    [Benchmark]
    public ScanResult Post500QuotingWithFingerprints() => _engine.Scan(_quoting500, _fingerprints);
}
