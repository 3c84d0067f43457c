using BenchmarkDotNet.Attributes;
using Moderation.Detection.Normalization;

namespace Moderation.Benchmarks;

/// <summary>The normaliser alone, to read its share of <see cref="ScanBenchmarks.LongCleanPost"/>.</summary>
[MemoryDiagnoser]
public class NormalizerBenchmarks
{
    private readonly string _longClean = SamplePosts.LongClean;

    [Benchmark]
    public int NormalizeLongCleanPost()
    {
        using NormalizedText normalized = TextNormalizer.Normalize(_longClean);
        return normalized.Length;
    }
}
