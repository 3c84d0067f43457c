using Moderation.Detection.Classification;

namespace Moderation.Detection.Tests;

/// <summary>The scanner's scorer on hand-made models, whose probabilities can be worked out by hand.</summary>
public sealed class TextClassifierTests
{
    private static readonly ClassifierFeatures Features = new(CharNgramLength: 2, WordNgramLength: 2, FoldDigits: true);

    [Fact]
    public void Probability_is_the_calibrated_dot_product_of_normalised_ngram_counts()
    {
        // The vocabulary: the n-grams of 机密; every other n-gram is unknown and ignored.
        ulong[] keys = [.. TextClassifier.Keys(null, "机密", Features).Distinct()];
        float[] weights = [.. keys.Select((_, i) => (float)(i + 1) / 10)];
        var classifier = new TextClassifier("hand-1", Features, keys, weights, bias: -0.5, slope: -1, offset: 0);

        // "机密" alone: each of its n-grams once, so the vector is 1/√n in every feature.
        double dot = weights.Sum(w => (double)w) / Math.Sqrt(keys.Length);
        classifier.Predict(null, "机密").Should().BeApproximately(1 / (1 + Math.Exp(-(dot - 0.5))), 1e-12);
        classifier.Predict(null, "机密机密，周末").Should().BeApproximately(Reference(keys, weights, "机密机密，周末"), 1e-12);
        classifier.Predict(null, "周末").Should().BeApproximately(Reference(keys, weights, "周末"), 1e-12, "only the start and end markers are known");
        new TextClassifier("hand-2", Features, [1UL], [1f], bias: -0.5, slope: -1, offset: 0).Predict(null, "周末")
            .Should().BeApproximately(1 / (1 + Math.Exp(0.5)), 1e-12, "no known n-gram leaves the bias alone");
    }

    /// <summary>The same computation written the slow, obvious way.</summary>
    private static double Reference(ulong[] vocabulary, float[] weights, string body)
    {
        var counts = TextClassifier.Keys(null, body, Features).Where(vocabulary.Contains).GroupBy(k => k).ToDictionary(g => g.Key, g => (double)g.Count());
        double norm = Math.Sqrt(counts.Values.Sum(c => c * c));
        double score = -0.5 + counts.Sum(c => c.Value / norm * weights[Array.IndexOf(vocabulary, c.Key)]);
        return 1 / (1 + Math.Exp(-score));
    }

    [Fact]
    public void Noise_width_and_digits_fold_before_the_ngrams_are_taken()
    {
        TextClassifier classifier = Classifier("机密★10年 内部资料");

        classifier.Predict(null, "机*密★１０年 内\u200B部资料").Should().Be(classifier.Predict(null, "机密★10年 内部资料"));
        classifier.Predict(null, "机密★30年 内部资料").Should().Be(classifier.Predict(null, "机密★10年 内部资料"), "every digit reads 0");
    }

    [Fact]
    public void English_words_and_word_pairs_are_features_of_their_own()
    {
        var keys = TextClassifier.Keys(null, "top secret", Features).ToHashSet();

        TextClassifier.Keys(null, "secret top", Features).ToHashSet().Should().NotBeEquivalentTo(keys, "the word pair differs");
        TextClassifier.Keys(null, "top secret", new ClassifierFeatures(2, 0, true)).Distinct().Should().HaveCount(keys.Count - 3, "three word n-grams: top, secret, top secret");
    }

    [Fact]
    public void A_classifier_reads_back_what_it_wrote()
    {
        TextClassifier classifier = Classifier("绝密★长期 内部资料 不得外传 TOP SECRET");
        using var stream = new MemoryStream();
        classifier.WriteTo(stream);
        stream.Position = 0;

        TextClassifier loaded = TextClassifier.ReadFrom(stream);

        loaded.Version.Should().Be(classifier.Version);
        loaded.Features.Should().Be(classifier.Features);
        loaded.Predict("通知", "绝密★长期 top secret").Should().Be(classifier.Predict("通知", "绝密★长期 top secret"));
    }

    [Fact]
    public void With_presence_features_a_repeated_ngram_counts_once()
    {
        var presence = Features with { Presence = true };
        ulong[] keys = [.. TextClassifier.Keys(null, "机密", presence).Distinct()];
        float[] weights = [.. keys.Select((_, i) => (float)(i + 1) / 10)];
        var classifier = new TextClassifier("hand-presence", presence, keys, weights, bias: -0.5, slope: -1, offset: 0);
        var counting = new TextClassifier("hand-counts", Features, keys, weights, bias: -0.5, slope: -1, offset: 0);

        // "机密机密机密": 机, 密 and 机密 three times, 密机 unknown; as presences every known n-gram is 1 before normalising.
        double[] present = [.. keys.Select(k => TextClassifier.Keys(null, "机密机密机密", presence).Contains(k) ? 1.0 : 0.0)];
        double norm = Math.Sqrt(present.Sum(v => v * v));
        double dot = present.Select((v, i) => v * weights[i]).Sum() / norm;
        classifier.Predict(null, "机密机密机密").Should().BeApproximately(1 / (1 + Math.Exp(-(dot - 0.5))), 1e-12);
        classifier.Predict(null, "机密机密机密").Should().NotBe(counting.Predict(null, "机密机密机密"), "counts weigh the repeated n-grams more");
    }

    [Fact]
    public void A_presence_classifier_reads_back_as_one_and_an_older_file_reads_counts()
    {
        var presence = Features with { Presence = true };
        ulong[] keys = [.. TextClassifier.Keys(null, "绝密★长期 内部资料", presence).Distinct()];
        float[] weights = [.. keys.Select((_, i) => (float)Math.Sin(i))];
        var classifier = new TextClassifier("hand-presence", presence, keys, weights, bias: 0.1, slope: -2, offset: 0.3, trainingPrior: 0.4);
        using var stream = new MemoryStream();
        classifier.WriteTo(stream);

        TextClassifier loaded = TextClassifier.ReadFrom(new MemoryStream(stream.ToArray()));
        loaded.Features.Should().Be(presence);
        loaded.Predict(null, "绝密绝密 内部资料").Should().Be(classifier.Predict(null, "绝密绝密 内部资料"));

        // The same classifier as format 2 wrote it: no presence byte after the digit setting.
        byte[] format3 = stream.ToArray();
        int magic = "MODCLS\r\n"u8.Length;
        int afterFold = magic + 4 + 1 + "hand-presence".Length + 4 + 4 + 1;
        format3[afterFold].Should().Be(1, "the presence flag follows the digit setting");
        byte[] format2 = [.. format3[..afterFold], .. format3[(afterFold + 1)..]];
        BitConverter.GetBytes(2).CopyTo(format2, magic);

        TextClassifier older = TextClassifier.ReadFrom(new MemoryStream(format2));
        older.Features.Should().Be(Features, "a format-2 model was trained on counts");
        older.Predict(null, "绝密绝密 内部资料").Should().Be(new TextClassifier("hand-counts", Features, keys, weights, 0.1, -2, 0.3, 0.4).Predict(null, "绝密绝密 内部资料"));
    }

    [Fact]
    public void A_damaged_classifier_is_refused_with_the_reason()
    {
        using var stream = new MemoryStream();
        Classifier("机密").WriteTo(stream);
        byte[] bytes = stream.ToArray();

        FluentActions.Invoking(() => TextClassifier.ReadFrom(new MemoryStream(bytes[..(bytes.Length - 3)])))
            .Should().Throw<InvalidDataException>().WithMessage("*truncated*");
        FluentActions.Invoking(() => TextClassifier.ReadFrom(new MemoryStream("not a model"u8.ToArray())))
            .Should().Throw<InvalidDataException>().WithMessage("*not a classifier*");
    }

    [Fact]
    public void The_engine_fuses_the_model_with_the_rules_by_noisy_or_and_reports_it()
    {
        TextClassifier classifier = Classifier("兵力部署 集结 坐标");
        var engine = DetectionEngine.CreateDefault();
        const string Post = "第75集团军完成集结，兵力部署见附件，坐标另行下发";

        ScanResult rules = engine.Scan(new ScanInput(null, Post));
        ScanResult fused = engine.Scan(new ScanInput(null, Post), classifier: classifier);
        double p = classifier.Predict(null, Post);

        ScanPolicy policy = engine.Policy;
        double calibrated = policy.Calibrate(p, classifier.TrainingPrior);
        fused.Model.Should().Be(new ModelScore("hand-1", calibrated, p, policy.ModelBaseRate, policy.ModelEvidence(calibrated)));
        (calibrated / (1 - calibrated) / (p / (1 - p))).Should().BeApproximately(0.001 / 0.999, 1e-6,
            "a probability learned at a prior of one half moves to the forum's base rate of one in a thousand: its odds shrink by that ratio");
        fused.Score.Should().BeApproximately(1 - ((1 - rules.Score) * (1 - policy.ModelEvidence(calibrated))), 1e-12);
        fused.Score.Should().BeGreaterThan(DecisionThresholds.Default.Remove);
        fused.Decision.Should().Be(Decision.Hold, "the model and military language score for removal, but nothing corroborates it");
        fused.Basis.Should().StartWith("Held, not removed").And.Contain("the model alone never removes");
        fused.Score.Should().BeGreaterThan(rules.Score);
    }

    [Fact]
    public void A_scan_without_a_model_reports_none() =>
        DetectionEngine.CreateDefault().Scan(new ScanInput(null, "周末愉快")).Model.Should().BeNull();

    /// <summary>A model that has learned only the n-grams of <paramref name="secret"/>, each with weight 3.</summary>
    private static TextClassifier Classifier(string secret)
    {
        ulong[] keys = [.. TextClassifier.Keys(null, secret, Features).Distinct()];
        return new TextClassifier("hand-1", Features, keys, [.. keys.Select(_ => 3f)], bias: -1, slope: -1, offset: 0);
    }
}
