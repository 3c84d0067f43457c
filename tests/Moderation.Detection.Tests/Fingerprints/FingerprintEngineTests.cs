using Moderation.Detection.Fingerprints;

namespace Moderation.Detection.Tests.Fingerprints;

/// <summary>Fingerprints inside <see cref="DetectionEngine.Scan"/>: findings, spans, fusion with the rules.</summary>
public sealed class FingerprintEngineTests
{
    private static readonly FingerprintScheme Scheme = FingerprintScheme.FromSecret("test-secret");
    private static readonly DetectionEngine Engine = DetectionEngine.CreateDefault();

    private static readonly FingerprintIndex Index =
        FingerprintIndex.Build(Scheme, FingerprintCorpus.Protected.Select(p => Scheme.Compute(p.Id, null, p.Text)));

    private static string Quote(int sentence)
    {
        IReadOnlyList<string> sentences = FingerprintCorpus.Sentences(FingerprintCorpus.Protected[1].Text);
        return sentences[sentence] + sentences[sentence + 1];
    }

    [Fact]
    public void A_quoted_passage_is_a_fingerprint_finding_in_the_original_text_and_holds_the_post()
    {
        string quote = Quote(6);
        string body = FingerprintCorpus.PostQuoting(quote, 3000, seed: 2);

        ScanResult result = Engine.Scan(new ScanInput("闲聊", body), Index);

        Finding finding = result.Findings.Where(f => f.Category == RuleCategories.Fingerprint).Should().ContainSingle().Subject;
        finding.RuleId.Should().Be("fingerprint:minutes-coordination");
        finding.Category.Should().Be(RuleCategories.Fingerprint);
        finding.Field.Should().Be(TextField.Body);
        quote.Should().Contain(body.Substring(finding.Start, finding.Length));
        finding.Weight.Should().Be(FingerprintScoring.PassageWeight);
        finding.Similarity.Should().BeInRange(0.01, 0.3);
        finding.Description.Should().NotContain("minutes", "forums read the description; the document's title or subject stays out of it");
        result.Score.Should().BeInRange(FingerprintScoring.PassageWeight, 0.8, "the passage holds; words of the chat around it add at most a little");
        result.Decision.Should().Be(Decision.Hold);
    }

    [Fact]
    public void A_passage_next_to_a_secrecy_marking_removes_the_post()
    {
        string body = "机密★10年\n" + Quote(6);

        ScanResult result = Engine.Scan(new ScanInput(null, body), Index);

        result.Findings.Select(f => f.Category).Should().Contain([RuleCategories.SecrecyMarking, RuleCategories.Fingerprint]);
        result.Score.Should().BeApproximately(1 - ((1 - 0.75) * (1 - FingerprintScoring.PassageWeight)), 1e-9);
        result.Decision.Should().Be(Decision.Remove);
    }

    [Fact]
    public void A_repost_of_a_whole_document_is_removed_with_both_kinds_of_evidence_counted_once()
    {
        (string id, string text) = FingerprintCorpus.Protected[3];

        ScanResult result = Engine.Scan(new ScanInput(null, "转发：\n" + text), Index);

        result.Findings.Select(f => f.RuleId).Should().Contain([$"fingerprint:{id}", $"simhash:{id}"]);
        result.Findings.Where(f => f.Category == RuleCategories.Fingerprint).Should().OnlyContain(f => f.Similarity > 0.9);
        result.Decision.Should().Be(Decision.Remove);
        // The passage and the near-duplicate cover one region: one piece of evidence, not two.
        result.Score.Should().BeGreaterThanOrEqualTo(FingerprintScoring.StrongPassageWeight - 1e-9, "both kinds count once at 0.95; other rules may add to it");
        result.Findings.Where(f => f.Category == RuleCategories.Fingerprint).Should().HaveCount(2);
    }

    [Fact]
    public void Without_an_index_or_with_an_empty_one_the_scan_is_the_rules_alone()
    {
        var input = new ScanInput("会议纪要", "绝密★长期 内部资料\n" + FingerprintCorpus.Protected[1].Text);

        ScanResult alone = Engine.Scan(input);
        ScanResult empty = Engine.Scan(input, FingerprintIndex.Empty(Scheme));

        empty.Should().BeEquivalentTo(alone);
        alone.Findings.Should().NotContain(f => f.Category == RuleCategories.Fingerprint);
        Engine.Scan(new ScanInput(null, "今天天气很好"), Index).Should().BeEquivalentTo(new ScanResult(0, Decision.Publish, [], Engine.RuleSetVersion));
    }

    [Fact]
    public void A_passage_in_the_title_is_reported_in_the_title()
    {
        string title = Quote(6);

        Finding finding = Engine.Scan(new ScanInput(title, "见标题。"), Index).Findings.Should().ContainSingle().Subject;

        finding.Field.Should().Be(TextField.Title);
        finding.Start.Should().BeGreaterThanOrEqualTo(0);
        (finding.Start + finding.Length).Should().BeLessThanOrEqualTo(title.Length);
    }

    [Fact]
    public void A_rule_may_take_a_fingerprint_match_as_context()
    {
        RuleSet rules = RuleSet.Parse("""
            {
              "version": "test-1",
              "rules": [
                { "id": "project-name", "category": "custom", "kind": "terms", "terms": ["青岚"], "weight": 0.2,
                  "description": "Project name", "context": { "categories": ["fingerprint"], "window": 100, "weight": 0.6 } }
              ]
            }
            """);
        var engine = new DetectionEngine(rules, DecisionThresholds.Default);
        IReadOnlyList<string> sentences = FingerprintCorpus.Sentences(FingerprintCorpus.Protected[0].Text);
        string body = "青岚 " + sentences[6] + sentences[7];

        Finding project = engine.Scan(new ScanInput(null, body), Index).Findings.Single(f => f.RuleId == "project-name");

        project.Weight.Should().Be(0.6);
        project.Context.Should().Contain("fingerprint:notice-test-support");
    }

    [Fact]
    public void Scanning_with_an_index_is_safe_from_many_threads()
    {
        string body = FingerprintCorpus.PostQuoting(Quote(6), 3000, seed: 4);
        ScanResult expected = Engine.Scan(new ScanInput(null, body), Index);

        ScanResult[] results = [.. Enumerable.Range(0, 64).AsParallel().Select(_ => Engine.Scan(new ScanInput(null, body), Index))];

        results.Should().AllSatisfy(r => r.Should().BeEquivalentTo(expected));
    }
}
