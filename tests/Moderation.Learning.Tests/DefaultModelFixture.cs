using Moderation.Detection;
using Moderation.Learning.Corpus;
using Moderation.Learning.Evaluation;
using Moderation.Learning.Training;

namespace Moderation.Learning.Tests;

/// <summary>
/// The default model, trained once for every test that needs it through the catalog (so the catalog's
/// first-use path is what the figures are measured on), with its report on the shipped test split.
/// </summary>
public sealed class DefaultModelFixture : IDisposable
{
    public DefaultModelFixture()
    {
        CacheDirectory = Directory.CreateTempSubdirectory("moderation-model-cache-").FullName;
        Corpus = CorpusFile.LoadShipped();
        Test = [.. Corpus.Where(e => e.Split == CorpusSplits.Test)];
        Model = ModelCatalog.GetOrTrainDefault(CacheDirectory);
        Report = EvaluationReport.Evaluate(Model, DetectionEngine.CreateDefault(), Test, CorpusSplits.Test);
    }

    public string CacheDirectory { get; }

    public IReadOnlyList<CorpusExample> Corpus { get; }

    public IReadOnlyList<CorpusExample> Test { get; }

    public ModerationModel Model { get; }

    public EvaluationReport Report { get; }

    public void Dispose()
    {
        Model.Dispose();
        Directory.Delete(CacheDirectory, recursive: true);
    }
}
