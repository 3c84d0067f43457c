using System.IO.Compression;
using System.Text.Json;
using Moderation.Detection.Classification;
using Moderation.Learning.Corpus;
using Moderation.Learning.Training;

namespace Moderation.Learning.Tests;

public sealed class TrainingTests
{
    // A fifth of the training split, so the determinism tests train in a second or two.
    private static readonly IReadOnlyList<CorpusExample> Sample =
        [.. CorpusFile.LoadShipped().Where(e => e.Split == CorpusSplits.Train).Where((_, i) => i % 5 == 0)];

    private static readonly IReadOnlyList<(string? Title, string Body)> Probe =
        [.. CorpusFile.LoadShipped().Where(e => e.Split == CorpusSplits.Test).Where((_, i) => i % 10 == 0).Select(e => (e.Title, e.Body))];

    [Fact]
    public void The_same_data_gives_the_same_predictions_and_the_same_file_bytes()
    {
        using ModerationModel first = ModelTrainer.Train(Sample, FeatureSettings.Default);
        using ModerationModel second = ModelTrainer.Train(Sample, FeatureSettings.Default);

        first.PredictBatch(Probe).Should().Equal(second.PredictBatch(Probe));
        Bytes(first).Should().Equal(Bytes(second));
        first.Metadata.Should().BeEquivalentTo(second.Metadata);
    }

    [Fact]
    public void Different_data_gives_a_different_version()
    {
        using ModerationModel model = ModelTrainer.Train(Sample, FeatureSettings.Default);
        using ModerationModel other = ModelTrainer.Train([.. Sample.Skip(1)], FeatureSettings.Default);

        other.Metadata.Version.Should().NotBe(model.Metadata.Version);
        other.Metadata.DataHash.Should().NotBe(model.Metadata.DataHash);
    }

    [Fact]
    public void A_saved_model_loads_with_its_metadata_and_predicts_the_same()
    {
        using ModerationModel model = ModelTrainer.Train(Sample, FeatureSettings.Default);
        var withMetrics = model.WithMetadata(model.Metadata with { Metrics = new ModelMetrics("test", 10, 0.99, 0.5, 1, 0.9, 0.95, 0, 0.9, 0.5, 0) });
        byte[] bytes = Bytes(withMetrics);

        using ModerationModel loaded = ModerationModel.Load(new MemoryStream(bytes));

        loaded.Metadata.Should().BeEquivalentTo(withMetrics.Metadata);
        loaded.PredictBatch(Probe).Should().Equal(model.PredictBatch(Probe));
        Probe.Take(20).Select(p => loaded.Predict(p.Title, p.Body)).Should().Equal(model.PredictBatch([.. Probe.Take(20)]), "single and batched scoring agree");

        using var zip = new ZipArchive(new MemoryStream(bytes));
        using JsonDocument metadata = JsonDocument.Parse(zip.GetEntry("moderation/metadata.json")!.Open());
        metadata.RootElement.GetProperty("version").GetString().Should().Be(model.Metadata.Version);
        metadata.RootElement.GetProperty("features").GetProperty("charNgramLength").GetInt32().Should().Be(FeatureSettings.Default.CharNgramLength);
        metadata.RootElement.GetProperty("metrics").GetProperty("rocAuc").GetDouble().Should().Be(0.99);
    }

    [Fact]
    public void Probabilities_are_in_range_and_the_model_sees_through_evasions()
    {
        using ModerationModel model = ModelTrainer.Train(Sample, FeatureSettings.Default);

        double plain = model.Predict(null, "机密★10年 内部资料 不得外传 关于边境地区兵力调整的通知");
        double noisy = model.Predict(null, "机*密★１０年 内\u200B部资料 不.得.外.传 关于边境地区兵力调整的通知");

        plain.Should().BeInRange(0, 1);
        noisy.Should().BeApproximately(plain, 1e-6, "the model reads the normalised text the rules read");
        model.Predict(null, "周末在家做了红烧肉，味道不错").Should().BeLessThan(0.5);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused()
    {
        FluentActions.Invoking(() => ModerationModel.Load(new MemoryStream("not a zip"u8.ToArray())))
            .Should().Throw<ModelFormatException>().WithMessage("not a moderation model*");
    }

    [Fact]
    public void Training_needs_both_labels() =>
        FluentActions.Invoking(() => ModelTrainer.Train([.. Sample.Where(e => e.IsSecret)], FeatureSettings.Default))
            .Should().Throw<ArgumentException>();

    private static byte[] Bytes(ModerationModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }
}
