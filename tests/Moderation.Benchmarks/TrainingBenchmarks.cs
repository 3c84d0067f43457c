using BenchmarkDotNet.Attributes;
using Moderation.Detection.Classification;
using Moderation.Learning.Corpus;
using Moderation.Learning.Training;

namespace Moderation.Benchmarks;

/// <summary>
/// Training the default recipe on the shipped training split (3,995 posts): n-gram keys, vocabulary,
/// L-BFGS, extraction of the classifier. A few iterations are enough for a figure in seconds.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class TrainingBenchmarks
{
    private CorpusExample[] _training = [];

    [GlobalSetup]
    public void Setup() => _training = [.. CorpusFile.LoadShipped().Where(e => e.Split == CorpusSplits.Train)];

    [Benchmark]
    public ModerationModel TrainDefaultRecipe() => ModelTrainer.Train(_training, FeatureSettings.Default);
}
