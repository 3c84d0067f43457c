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
    }

    [Fact]
    public void More_folds_than_families_is_refused_naming_the_empty_fold()
    {
        CorpusExample[] two = [.. Sample.Where(e => e.IsSecret).Take(1), .. Sample.Where(e => !e.IsSecret).Take(1)];

        Action run = () => CrossValidation.Run(two, [], RuleSet.LoadDefault(), FeatureSettings.Default, 5, 0.01);

        run.Should().Throw<ArgumentException>().WithMessage("5 folds need more families: fold * has no post*");
    }
}
