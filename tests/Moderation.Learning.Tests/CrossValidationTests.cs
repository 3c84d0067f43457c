using Moderation.Detection;
using Moderation.Detection.Classification;
using Moderation.Learning.Corpus;
using Moderation.Learning.Evaluation;

namespace Moderation.Learning.Tests;

public class CrossValidationTests
{
    private static readonly IReadOnlyList<CorpusExample> Sample =
        [.. CorpusFile.Parse(CorpusFile.HandwrittenText()).Where((_, i) => i % 4 == 0)];

    [Fact]
    public void A_family_always_falls_in_the_same_fold_and_folds_spread_families()
    {
        string[] families = [.. Sample.Select(e => e.Family).Distinct()];

        families.Should().OnlyContain(f => CrossValidation.FoldOf(f, 4) == CrossValidation.FoldOf(f, 4) && CrossValidation.FoldOf(f, 4) < 4);
        families.GroupBy(f => CrossValidation.FoldOf(f, 4)).Should().HaveCount(4).And.OnlyContain(g => g.Count() > families.Length / 8);
    }

    [Fact]
    public void Every_post_is_judged_out_of_fold_and_the_rules_alone_match_a_plain_scan()
    {
        CrossValidationReport report = CrossValidation.Run(Sample, [], RuleSet.LoadDefault(), FeatureSettings.Default, 3, 0.05, [0.005, 0.02, 0.3]);

        report.Posts.Should().Be(Sample.Count);
        var engine = DetectionEngine.CreateDefault();
        int rulesFlagged = Sample.Count(e => !e.IsSecret && engine.Scan(new ScanInput(e.Title, e.Body)).Decision != Decision.Publish);
        report.RulesAlone.FalsePositiveRate.Should().BeApproximately((double)rulesFlagged / Sample.Count(e => !e.IsSecret), 1e-12);
        report.Points.Select(p => p.Recall).Should().BeInDescendingOrder("a lower hold point holds every post a higher one does");
        report.Points.Should().OnlyContain(p => p.Recall >= report.RulesAlone.Recall, "the model only adds evidence");
        if (report.Chosen is { } chosen)
        {
            chosen.FalsePositiveRate.Should().BeLessThanOrEqualTo(0.05);
            report.Points.Where(p => p.FalsePositiveRate <= 0.05 && p.CleanRemoved == 0).Should().OnlyContain(p => p.Recall <= chosen.Recall);
        }

        ModelAloneFigures model = report.ModelAlone!;
        model.RocAuc.Should().BeInRange(0.5, 1, "the fold models rank leaks above clean posts better than chance");
        model.RecallAtFpr01.Should().BeLessThanOrEqualTo(model.RecallAtFpr02);
        model.RecallAtFpr02.Should().BeLessThanOrEqualTo(model.RecallAtFpr05);
    }

    [Fact]
    public void Model_recall_at_a_false_positive_rate_flags_no_more_clean_posts_than_it_allows()
    {
        // 4 leaks, 10 clean; at FPR 0.1 one clean post may be flagged, at 0.2 two.
        CorpusExample Post(int i, bool leak) => new($"p{i}", null, "x", leak ? CorpusLabels.Secret : CorpusLabels.Clean, "c", "f", CorpusSplits.Train);
        CorpusExample[] posts = [.. Enumerable.Range(0, 4).Select(i => Post(i, true)), .. Enumerable.Range(4, 10).Select(i => Post(i, false))];
        double[] scores = [0.9, 0.8, 0.5, 0.1, 0.85, 0.5, 0.3, 0.2, 0.2, 0.2, 0.1, 0.05, 0.04, 0.01];

        ModelAloneFigures.RecallAt(posts, scores, 0.0).Should().Be(0.25, "only the leak above every clean post");
        ModelAloneFigures.RecallAt(posts, scores, 0.1).Should().Be(0.5, "0.85 is the one clean post allowed; the tie at 0.5 would flag a second");
        ModelAloneFigures.RecallAt(posts, scores, 0.2).Should().Be(0.75, "the tie at 0.5 flags the leak and the second clean post together");
        ModelAloneFigures.RecallAt(posts, scores, 1.0).Should().Be(1.0);
    }

    [Fact]
    public void More_folds_than_families_is_refused_naming_the_empty_fold()
    {
        CorpusExample[] two = [.. Sample.Where(e => e.IsSecret).Take(1), .. Sample.Where(e => !e.IsSecret).Take(1)];

        Action run = () => CrossValidation.Run(two, [], RuleSet.LoadDefault(), FeatureSettings.Default, 5, 0.01);

        run.Should().Throw<ArgumentException>().WithMessage("5 folds need more families: fold * has no post*");
    }
}
