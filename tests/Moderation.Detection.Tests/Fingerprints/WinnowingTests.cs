using Moderation.Detection.Fingerprints;

namespace Moderation.Detection.Tests.Fingerprints;

public sealed class WinnowingTests
{
    private static readonly FingerprintScheme Scheme = FingerprintScheme.FromSecret("test-secret");

    private static FingerprintIndex IndexOfProtected() =>
        FingerprintIndex.Build(Scheme, FingerprintCorpus.Protected.Select(p => Scheme.Compute(p.Id, $"Title of {p.Id}", p.Text)));

    private static string Quote(string documentId, int firstSentence)
    {
        IReadOnlyList<string> sentences = FingerprintCorpus.Sentences(FingerprintCorpus.Protected.Single(p => p.Id == documentId).Text);
        return sentences[firstSentence] + sentences[firstSentence + 1];
    }

    [Fact]
    public void Two_sentences_of_a_protected_document_quoted_inside_a_3000_character_post_are_found_where_they_are()
    {
        string quote = Quote("notice-test-support", 8);
        string post = FingerprintCorpus.PostQuoting(quote, 3000, seed: 11);
        int quoteAt = post.IndexOf(quote, StringComparison.Ordinal);

        FingerprintMatch match = IndexOfProtected().Match(post).Should().ContainSingle().Subject;

        post.Length.Should().BeGreaterThanOrEqualTo(3000);
        match.DocumentId.Should().Be("notice-test-support");
        match.RuleId.Should().Be("fingerprint:notice-test-support");
        match.Kind.Should().Be(FingerprintMatchKind.Passage);
        match.MatchedHashes.Should().BeGreaterThanOrEqualTo(FingerprintScoring.MinimumPassageHashes);
        match.Similarity.Should().BeApproximately((double)match.MatchedHashes / IndexOfProtected().Find("notice-test-support")!.Hashes.Count, 1e-9);
        match.Start.Should().BeGreaterThanOrEqualTo(quoteAt);
        (match.Start + match.Length).Should().BeLessThanOrEqualTo(quoteAt + quote.Length);
        match.Length.Should().BeGreaterThan(quote.Length / 2, "the region covers most of the quotation");
    }

    [Fact]
    public void Every_pair_of_sentences_of_40_letters_or_more_is_found_in_every_document()
    {
        FingerprintIndex index = IndexOfProtected();
        int seed = 0;
        foreach ((string id, string text) in FingerprintCorpus.Protected)
        {
            IReadOnlyList<string> sentences = FingerprintCorpus.Sentences(text);
            for (int i = 0; i + 1 < sentences.Count; i++)
            {
                string quote = sentences[i] + sentences[i + 1];
                if (quote.Count(char.IsLetterOrDigit) < 40)
                {
                    continue;
                }

                index.Match(FingerprintCorpus.PostQuoting(quote, 3000, ++seed)).Select(m => m.DocumentId).Should().Contain(id, quote);
            }
        }
    }

    [Fact]
    public void Texts_on_the_same_topics_in_the_same_register_match_nothing()
    {
        FingerprintIndex index = IndexOfProtected();

        foreach (string text in FingerprintCorpus.SameTopic)
        {
            index.Match(text).Should().BeEmpty(text);
        }

        index.Match(FingerprintCorpus.Padding(5000, seed: 3)).Should().BeEmpty();
    }

    [Fact]
    public void A_quotation_spaced_out_with_noise_and_full_width_characters_is_still_found_and_its_region_covers_the_noise()
    {
        string quote = Quote("minutes-coordination", 2);
        string noisy = FingerprintMeasurements.Noisy(quote, seed: 5);
        string post = FingerprintCorpus.PostQuoting(noisy, 3000, seed: 5);
        int quoteAt = post.IndexOf(noisy, StringComparison.Ordinal);

        FingerprintMatch match = IndexOfProtected().Match(post).Should().ContainSingle().Subject;

        noisy.Should().Contain("\u200B").And.Contain("*");
        match.DocumentId.Should().Be("minutes-coordination");
        match.Start.Should().BeGreaterThanOrEqualTo(quoteAt);
        (match.Start + match.Length).Should().BeLessThanOrEqualTo(quoteAt + noisy.Length);
        match.Length.Should().BeGreaterThan(noisy.Length / 2);
    }

    [Fact]
    public void A_quotation_rewritten_in_traditional_characters_is_still_found()
    {
        const string Traditional = "試驗原始數據一律使用專用存儲介質記錄，當日封存，由兩名以上人員共同簽字後交試驗辦公室保管。" +
            "任何人不得以拍照、攝像或者抄錄等方式私自留存試驗數據，不得通過互聯網傳輸試驗相關材料。";

        IndexOfProtected().Match(FingerprintCorpus.PostQuoting(Traditional, 3000, seed: 21))
            .Should().ContainSingle().Which.DocumentId.Should().Be("notice-test-support");
    }

    [Fact]
    public void Full_width_digits_and_latin_letters_fold_to_the_same_hashes()
    {
        const string Text = "项目代号QL7，第2批次试验于11月12日在3号阵地开始，参试人员共计48名，数据采集设备编号为DX-2026-07，试验窗口为每日上午8时至下午5时，遇大风天气顺延。";
        FingerprintDocument document = Scheme.Compute("half-width", null, Text);
        string fullWidth = new([.. Text.Select(c => c is >= '!' and <= '~' ? (char)(c - '!' + '！') : c)]);

        Scheme.Compute("full-width", null, fullWidth).Hashes.Should().Equal(document.Hashes);
    }

    [Fact]
    public void A_copy_with_one_letter_in_twenty_changed_is_still_found()
    {
        string quote = Quote("report-assessment", 2) + Quote("report-assessment", 4);

        IndexOfProtected().Match(FingerprintCorpus.PostQuoting(FingerprintMeasurements.Edited(quote, 20), 3000, seed: 9))
            .Select(m => m.DocumentId).Should().Contain("report-assessment");
    }

    [Fact]
    public void A_region_shorter_than_the_minimum_is_not_a_match()
    {
        // A shared phrase of official boilerplate (about 20 letters) is common to many public texts.
        IndexOfProtected().Match("请大家注意：任何人不得以拍照、摄像或者抄录等方式私自留存材料。").Should().BeEmpty();
    }

    [Fact]
    public void A_whole_repost_has_a_high_similarity()
    {
        (string id, string text) = FingerprintCorpus.Protected[2];

        FingerprintMatch match = IndexOfProtected().Match(text).First(m => m.Kind == FingerprintMatchKind.Passage);

        match.DocumentId.Should().Be(id);
        match.Similarity.Should().BeGreaterThan(0.95);
        match.Weight.Should().Be(FingerprintScoring.StrongPassageWeight);
    }

    [Fact]
    public void Fingerprints_under_another_secret_share_no_hash()
    {
        string text = FingerprintCorpus.Protected[0].Text;

        FingerprintDocument ours = Scheme.Compute("d", null, text);
        FingerprintDocument theirs = FingerprintScheme.FromSecret("another-secret").Compute("d", null, text);

        theirs.Hashes.Intersect(ours.Hashes).Should().BeEmpty();
        theirs.Parameters.KeyId.Should().NotBe(ours.Parameters.KeyId);
        FluentActions.Invoking(() => FingerprintIndex.Empty(Scheme).With(theirs)).Should().Throw<ArgumentException>().WithMessage("*another fingerprint secret*");
    }

    [Fact]
    public void A_document_keeps_its_hashes_sorted_and_distinct_and_no_letter_of_its_text()
    {
        FingerprintDocument document = Scheme.Compute("d", null, FingerprintCorpus.Protected[0].Text);

        document.Hashes.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        FingerprintFile.Write(document).Should().NotContainAny(FingerprintCorpus.Protected[0].Text.Where(c => c >= '\u4E00').Select(c => c.ToString()));
    }

    [Fact]
    public void A_text_too_short_to_ever_match_cannot_be_fingerprinted()
    {
        FluentActions.Invoking(() => Scheme.Compute("short", null, "绝密文件，请勿外传。"))
            .Should().Throw<ArgumentException>().WithMessage("*too short to fingerprint*");
    }
}
