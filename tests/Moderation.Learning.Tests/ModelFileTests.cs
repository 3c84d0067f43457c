using System.IO.Compression;
using System.Text;
using Moderation.Detection.Classification;

namespace Moderation.Learning.Tests;

/// <summary>
/// <see cref="ModelFile"/>, the reader the services load models with (no ML.NET), against the
/// trained model it reads, and its errors on files that are missing or not models.
/// </summary>
[Collection(DefaultModelCollection.Name)]
public sealed class ModelFileTests(DefaultModelFixture fixture)
{
    [Fact]
    public void The_reader_gives_the_trained_models_probabilities_for_every_test_post()
    {
        ModelFile read = ModelFile.Read(new MemoryStream(fixture.Model.ToBytes()));

        read.Metadata.Should().Be(fixture.Model.Metadata);
        read.Classifier.Version.Should().Be(fixture.Model.Metadata.Version);
        read.Classifier.FeatureCount.Should().Be(fixture.Model.Classifier.FeatureCount);
        double[] expected = [.. fixture.Test.Select(e => fixture.Model.Predict(e.Title, e.Body))];
        fixture.Test.Select(e => read.Classifier.Predict(e.Title, e.Body)).Should().Equal(expected);
    }

    [Fact]
    public void The_default_model_the_build_ships_is_the_one_the_catalog_trains()
    {
        string shipped = ModelFile.ShippedDefaultPath();

        File.ReadAllBytes(shipped).Should().Equal(File.ReadAllBytes(ModelCatalog.DefaultPath(fixture.CacheDirectory)),
            "training is deterministic, so the build's file and the catalog's are one model");
        ModelFile.Load(shipped).Metadata.Should().Be(fixture.Model.Metadata);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = Path.Combine(Path.GetTempPath(), $"no-such-dir-{Guid.NewGuid():N}", "model.zip");

        FluentActions.Invoking(() => ModelFile.Load(path))
            .Should().Throw<ModelFormatException>().WithMessage($"model file {path} does not exist");
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_named_with_the_reason() =>
        LoadingFails("not a zip"u8.ToArray()).Should().Match("model file *: not a moderation model: *");

    [Fact]
    public void A_zip_without_metadata_says_which_entry_is_missing() =>
        LoadingFails(Rewrite(without: ModelFile.MetadataEntry)).Should().EndWith($"not a moderation model: the zip has no {ModelFile.MetadataEntry}");

    [Fact]
    public void A_zip_without_the_classifier_says_which_entry_is_missing() =>
        LoadingFails(Rewrite(without: TextClassifier.EntryName)).Should().EndWith($"not a moderation model: the zip has no {TextClassifier.EntryName}");

    [Fact]
    public void A_truncated_classifier_is_reported_as_damaged() =>
        LoadingFails(Rewrite(replace: (TextClassifier.EntryName, Encoding.UTF8.GetBytes("MODCLS\r\n").Concat(new byte[] { 2, 0, 0 }).ToArray())))
            .Should().Contain($"{TextClassifier.EntryName} is truncated or damaged");

    [Fact]
    public void A_model_of_another_format_asks_for_training_again()
    {
        string metadata = System.Text.Json.JsonSerializer.Serialize(fixture.Model.Metadata with { Format = 99 }, ModelFile.MetadataJson);

        LoadingFails(Rewrite(replace: (ModelFile.MetadataEntry, Encoding.UTF8.GetBytes(metadata))))
            .Should().Contain("model format 99 is not supported").And.Contain("train the model again");
    }

    /// <summary>Writes the bytes to a file, loads it, and returns the message, which must name the file.</summary>
    private static string LoadingFails(byte[] content)
    {
        string path = Path.Combine(Path.GetTempPath(), $"model-{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(path, content);
        try
        {
            string message = FluentActions.Invoking(() => ModelFile.Load(path)).Should().Throw<ModelFormatException>().Which.Message;
            message.Should().StartWith($"model file {path}: ");
            return message;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The default model's file with one entry left out or replaced.</summary>
    private byte[] Rewrite(string? without = null, (string Name, byte[] Content)? replace = null)
    {
        using var source = new ZipArchive(new MemoryStream(fixture.Model.ToBytes()), ZipArchiveMode.Read);
        using var buffer = new MemoryStream();
        using (var target = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (ZipArchiveEntry entry in source.Entries.Where(e => e.FullName != without))
            {
                using Stream to = target.CreateEntry(entry.FullName).Open();
                if (entry.FullName == replace?.Name)
                {
                    to.Write(replace.Value.Content);
                }
                else
                {
                    using Stream from = entry.Open();
                    from.CopyTo(to);
                }
            }
        }

        return buffer.ToArray();
    }
}
