using Moderation.Detection.Normalization;

namespace Moderation.Detection.Tests;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("机 密", "机密")]
    [InlineData("机*密", "机密")]
    [InlineData("机.密", "机密")]
    [InlineData("机-密-文-件", "机密文件")]
    [InlineData("机 · 密", "机密")]
    [InlineData("机_密★_长期", "机密★长期")]
    [InlineData("★ 10 年", "★10年")]
    [InlineData("机\u3000\u3000密", "机密")]
    public void Noise_between_CJK_characters_is_removed(string text, string expected)
    {
        TextNormalizer.NormalizeToString(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("version 2.0 - see foo_bar.txt", "version 2.0 - see foo_bar.txt")]
    [InlineData("top   secret", "top secret")]
    [InlineData("共 12.5 万元", "共12.5万元")]
    [InlineData("2024-12-01", "2024-12-01")]
    [InlineData("1 0", "1 0")]
    [InlineData("机密 report", "机密 report")]
    public void Ordinary_text_stays_readable(string text, string expected)
    {
        TextNormalizer.NormalizeToString(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("ＴＯＰ　ＳＥＣＲＥＴ", "top secret")]
    [InlineData("密级：秘密", "密级:秘密")]
    [InlineData("①②", "12")]
    [InlineData("〔２０２４〕", "〔2024〕")]
    [InlineData("e\u0301", "\u00e9")]
    [InlineData("\U0001D412\U0001D404\U0001D402", "sec")]
    public void Compatibility_forms_fold_to_plain_lower_case(string text, string expected)
    {
        TextNormalizer.NormalizeToString(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("机\u200B密", "机密")]
    [InlineData("机\u200D密\uFEFF", "机密")]
    [InlineData("机\u0000密", "机密")]
    [InlineData("\u00ADsecret", "secret")]
    [InlineData("机\u0336密", "机密")]
    public void Invisible_characters_are_removed(string text, string expected)
    {
        TextNormalizer.NormalizeToString(text).Should().Be(expected);
    }

    [Fact]
    public void Every_normalised_character_maps_back_to_the_original_characters_it_came_from()
    {
        const string Original = "Ａ机 *\u200B密…b";
        using NormalizedText normalized = TextNormalizer.Normalize(Original);

        normalized.Text.ToString().Should().Be("a机密...b");
        Span(normalized, 0, 1).Should().Be("Ａ");
        Span(normalized, 1, 2).Should().Be("机 *\u200B密");
        Span(normalized, 2, 1).Should().Be("密");
        Span(normalized, 3, 2).Should().Be("…");
        Span(normalized, 6, 1).Should().Be("b");

        static string Span(NormalizedText normalized, int start, int length)
        {
            (int originalStart, int originalLength) = normalized.ToOriginal(start, length);
            return Original.Substring(originalStart, originalLength);
        }
    }

    [Fact]
    public void A_surrogate_pair_maps_back_to_both_halves()
    {
        const string Original = "x😀y";
        using NormalizedText normalized = TextNormalizer.Normalize(Original);

        normalized.Text.ToString().Should().Be(Original);
        normalized.ToOriginal(1, 2).Should().Be((1, 2));
        normalized.ToOriginal(3, 1).Should().Be((3, 1));
    }

    [Fact]
    public void A_lone_surrogate_is_kept_rather_than_failing_the_scan()
    {
        TextNormalizer.NormalizeToString("a\uD800b\uDC00\u0301").Should().Be("a\uD800b\uDC00");
    }

    [Fact]
    public void Text_longer_than_the_first_buffer_is_normalised_completely()
    {
        string original = string.Concat(Enumerable.Repeat("㈱", 100));

        TextNormalizer.NormalizeToString(original).Should().Be(string.Concat(Enumerable.Repeat("(株)", 100)));
    }
}
