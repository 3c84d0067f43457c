using Moderation.Detection;
using Moderation.Detection.Classification;
using Moderation.Learning.Corpus;

namespace Moderation.Learning.Tests;

/// <summary>
/// The scanner scores with weights taken out of the ML.NET model; these specifications hold the
/// extraction to ML.NET's own prediction on the same posts.
/// </summary>
[Collection(DefaultModelCollection.Name)]
public sealed class ClassifierExtractionTests(DefaultModelFixture fixture)
{
    [Fact]
    public void The_extracted_classifier_matches_MLNET_to_1e5_on_every_test_post()
    {
        var worst = fixture.Test
            .Select(e => (Example: e, Difference: Math.Abs(fixture.Model.Predict(e.Title, e.Body) - fixture.Model.PredictWithMlNet(e.Title, e.Body))))
            .MaxBy(d => d.Difference);

        worst.Difference.Should().BeLessThanOrEqualTo(1e-5, $"post {worst.Example.Id} differs most");
    }

    [Fact]
    public void The_extracted_classifier_matches_MLNET_on_text_outside_the_corpus()
    {
        string[] posts =
        [
            "", "   ", "★", "TOP SECRET//NOFORN briefing on the 2024 exercise", "机*密★１０年 内\u200B部资料 不.得.外.传",
            "周末在家做了红烧肉，味道不错", new string('密', 3000), "Привет, как дела? 𝐒𝐄𝐂𝐑𝐄𝐓 ①②③",
        ];

        foreach (string post in posts)
        {
            fixture.Model.Predict("标题", post).Should().BeApproximately(fixture.Model.PredictWithMlNet("标题", post), 1e-5, post);
            fixture.Model.Predict(null, post).Should().BeApproximately(fixture.Model.PredictWithMlNet(null, post), 1e-5, post);
        }
    }

    [Fact]
    public void The_engine_scores_the_model_over_its_own_normalisation_exactly_as_the_classifier_alone()
    {
        var engine = DetectionEngine.CreateDefault();
        TextClassifier classifier = fixture.Model.Classifier;

        foreach (CorpusExample example in fixture.Test.Where((_, i) => i % 7 == 0))
        {
            ScanResult withModel = engine.Scan(new ScanInput(example.Title, example.Body), classifier: classifier);
            ScanResult rulesOnly = engine.Scan(new ScanInput(example.Title, example.Body));
            double probability = classifier.Predict(example.Title, example.Body);

            withModel.Model!.Version.Should().Be(classifier.Version);
            withModel.Model.Uncalibrated.Should().BeApproximately(probability, 1e-12, "the engine reads the same n-grams the classifier alone does");
            withModel.Score.Should().BeGreaterThanOrEqualTo(rulesOnly.Score);
            withModel.Findings.Should().BeEquivalentTo(rulesOnly.Findings);
        }
    }

    [Fact]
    public void Scoring_from_many_threads_gives_the_single_threaded_answers()
    {
        TextClassifier classifier = fixture.Model.Classifier;
        CorpusExample[] posts = [.. fixture.Test.Take(400)];
        double[] expected = [.. posts.Select(p => classifier.Predict(p.Title, p.Body))];

        var actual = new double[posts.Length];
        Parallel.For(0, posts.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            int post = i % posts.Length;
            actual[post] = classifier.Predict(posts[post].Title, posts[post].Body);
        });

        actual.Should().Equal(expected);
    }
}
