using Moderation.Detection.Classification;
using Moderation.Learning.Training;

namespace Moderation.Learning.Tests;

[Collection(DefaultModelCollection.Name)]
public sealed class ModelCatalogTests(DefaultModelFixture fixture)
{
    [Fact]
    public void The_default_model_is_cached_under_the_corpus_and_recipe_key()
    {
        string path = ModelCatalog.DefaultPath(fixture.CacheDirectory);

        File.Exists(path).Should().BeTrue();
        Path.GetFileName(path).Should().Contain(ModelCatalog.DefaultKey);
        fixture.Model.Metadata.Recipe.Should().Be(FeatureSettings.Default.Recipe);
    }

    [Fact]
    public void A_second_call_loads_the_cached_model_instead_of_training()
    {
        DateTime written = File.GetLastWriteTimeUtc(ModelCatalog.DefaultPath(fixture.CacheDirectory));

        using ModerationModel again = ModelCatalog.GetOrTrainDefault(fixture.CacheDirectory);

        File.GetLastWriteTimeUtc(ModelCatalog.DefaultPath(fixture.CacheDirectory)).Should().Be(written);
        again.Metadata.Should().BeEquivalentTo(fixture.Model.Metadata);
        again.Predict("会议通知", "绝密★长期 内部资料 不得外传").Should().Be(fixture.Model.Predict("会议通知", "绝密★长期 内部资料 不得外传"));
    }

    [Fact]
    public void A_damaged_cache_file_is_replaced_by_a_model_with_the_same_bytes()
    {
        string directory = Directory.CreateTempSubdirectory("moderation-model-cache-").FullName;
        try
        {
            File.WriteAllText(ModelCatalog.DefaultPath(directory), "torn write");

            using ModerationModel model = ModelCatalog.GetOrTrainDefault(directory);

            File.ReadAllBytes(ModelCatalog.DefaultPath(directory)).Should().Equal(File.ReadAllBytes(ModelCatalog.DefaultPath(fixture.CacheDirectory)),
                "training from the shipped corpus is deterministic, on any machine and in any process");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
