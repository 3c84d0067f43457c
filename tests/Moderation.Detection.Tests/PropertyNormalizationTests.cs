using System.Globalization;
using System.Text;
using Moderation.Detection.Normalization;

namespace Moderation.Detection.Tests;

/// <summary>
/// Properties of the normaliser over arbitrary text: random strings, seeded so a failure can be
/// reproduced, drawn from everything the folds treat specially (surrogate pairs, lone surrogates,
/// combining marks, zero-width and control characters, CJK, traditional characters, Cyrillic and Greek,
/// pinyin, digits and numerals, noise, stars) and from the whole code space.
/// </summary>
public class PropertyNormalizationTests
{
    private const int CasesPerSeed = 1_500;

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 16)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_normalised_character_maps_to_an_ordered_in_bounds_original_span(int seed)
    {
        var random = new Random(seed);
        for (int n = 0; n < CasesPerSeed; n++)
        {
            string original = RandomText(random);
            using NormalizedText normalized = TextNormalizer.Normalize(original);
            int previousStart = 0;
            int previousEnd = 0;
            for (int i = 0; i < normalized.Length; i++)
            {
                int start = normalized.OriginalStart(i);
                int end = normalized.OriginalEnd(i);
                string because = $"character {i} of {Escape(normalized.Text.ToString())} from {Escape(original)} (seed {seed}, case {n})";

                start.Should().BeGreaterThanOrEqualTo(0, because);
                end.Should().BeGreaterThan(start, because).And.BeLessThanOrEqualTo(original.Length, because);
                if (i > 0)
                {
                    bool sameSpan = start == previousStart && end == previousEnd;
                    (sameSpan || start >= previousEnd).Should().BeTrue($"spans are the same or follow each other: {because}");
                }

                previousStart = start;
                previousEnd = end;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_whole_normalised_text_maps_to_a_span_covering_every_visible_original_character(int seed)
    {
        var random = new Random(seed);
        for (int n = 0; n < CasesPerSeed; n++)
        {
            string original = RandomText(random);
            using NormalizedText normalized = TextNormalizer.Normalize(original);
            if (normalized.Length == 0)
            {
                continue;
            }

            (int start, int length) = normalized.ToOriginal(0, normalized.Length);
            for (int i = 0; i < original.Length; i++)
            {
                if (IsVisible(original, i))
                {
                    i.Should().BeInRange(start, start + length - 1,
                        $"{Escape(original[i].ToString())} at {i} of {Escape(original)} produced part of {Escape(normalized.Text.ToString())} (seed {seed}, case {n})");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Normalising_normalised_text_changes_nothing(int seed)
    {
        var random = new Random(seed);
        for (int n = 0; n < CasesPerSeed; n++)
        {
            string original = RandomText(random);
            string once = TextNormalizer.NormalizeToString(original);
            string twice = TextNormalizer.NormalizeToString(once);

            twice.Should().Be(once, $"normalising {Escape(original)} gave {Escape(once)} (seed {seed}, case {n})");
        }
    }

    [Fact]
    public void Every_character_of_the_code_space_folds_to_text_that_does_not_fold_further_with_ordered_spans()
    {
        var failures = new List<string>();
        for (int c = 0; c <= 0x10FFFF; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            string character = char.ConvertFromUtf32(c);
            string once = TextNormalizer.NormalizeToString(character);
            if (TextNormalizer.NormalizeToString(once) != once || !SpansAreOrdered("机" + character + "  " + character + "1"))
            {
                failures.Add($"U+{c:X4}");
            }
        }

        failures.Should().BeEmpty();
    }

    private static bool SpansAreOrdered(string original)
    {
        using NormalizedText normalized = TextNormalizer.Normalize(original);
        for (int i = 1; i < normalized.Length; i++)
        {
            bool sameSpan = normalized.OriginalStart(i) == normalized.OriginalStart(i - 1) && normalized.OriginalEnd(i) == normalized.OriginalEnd(i - 1);
            if (!sameSpan && normalized.OriginalStart(i) < normalized.OriginalEnd(i - 1))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly string[] Fragments =
    [
        // Marking pieces and watched phrases, in simplified and traditional script.
        "机", "密", "绝", "秘", "★", "☆", "*", "年", "月", "个", "长期", "密级", ":", "：", "【", "】", "〔", "〕", "号", "部队",
        "内部资料", "不得外传", "機", "絕", "內", "資", "傳", "後", "複", "製", "乾", "著", "覆", "祕", "絶",
        // Numerals and digit styles.
        "一", "二", "三", "五", "十", "廿", "〇", "○", "两", "叁", "〤", "0", "1", "5", "9", "①", "❺", "⓫", "５", "⑴", "⒈",
        // Pinyin, with tone marks and tone digits.
        "jue", "mi", "ji", "nei", "bu", "zi", "liao", "de", "wai", "chuan", "nian", "shi", "chang", "qi", "ge", "yue", "wu",
        "jué", "mì", "lǜ", "ü", "2", "4", "'",
        // Latin, Cyrillic and Greek look-alikes, both cases.
        "top", "secret", "TOP", "SECRET", "Т", "О", "Р", "Е", "С", "т", "о", "р", "е", "с", "ѕ", "Ѕ", "В", "у", "Ν", "ν", "Η", "η",
        "Τ", "τ", "Ι", "ι", "Ј", "І", "М", "Н", "К", "ЈІ МІ", "Јue", "как", "Привет", "Καλημέρα", "//", "noforn",
        // Noise, space and invisible characters.
        " ", "  ", "\u3000", ".", "-", "_", "/", "|", "·", "\u2800", "\t", "\n", "\u200B", "\u200D", "\uFEFF", "\u00AD", "\u0000",
        "\u202E", "\u0301", "\u0308", "\u0336", "\uFE0F", "\u3164",
        // Expansions, ligatures, case oddities and compatibility forms.
        "…", "㈱", "ﬁ", "İ", "ß", "Ω", "Å", "ｶ", "㍱", "\u1100\u1161", "\u0915\u093F",
        // Supplementary characters and lone surrogates.
        "😀", "⭐", "\U0001D413", "\U00020000", "\U0001F163", "\U0001F1F9", "\U000E0041", "\uD800", "\uDC00",
    ];

    private static string RandomText(Random random)
    {
        var builder = new StringBuilder();
        int pieces = random.Next(0, 24);
        for (int p = 0; p < pieces; p++)
        {
            switch (random.Next(10))
            {
                case < 7:
                    builder.Append(Fragments[random.Next(Fragments.Length)]);
                    break;
                case 7:
                    // Anywhere in the Basic Multilingual Plane, lone surrogates included.
                    builder.Append((char)random.Next(0, 0x10000));
                    break;
                case 8:
                    builder.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000) is int c && c is >= 0xD800 and <= 0xDFFF ? 0x10000 : c));
                    break;
                default:
                    // Anywhere in the CJK Unified Ideographs and Extension A.
                    builder.Append((char)random.Next(0x3400, 0xA000));
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>A letter or digit the normaliser keeps (not a filler it strips), alone or as a surrogate pair.</summary>
    private static bool IsVisible(string text, int index)
    {
        char c = text[index];
        if (char.IsSurrogate(c))
        {
            return char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1])
                && char.IsLetterOrDigit(text, index);
        }

        return char.IsLetterOrDigit(c) && (CharFolding.Flags(c) & CharFlags.Strip) == 0;
    }

    private static string Escape(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c is >= ' ' and < '\u007F' and not '"' and not '\\' || (c > '\u00A0' && !char.IsSurrogate(c) && !char.IsControl(c)
                && CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpaceSeparator)))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return builder.Append('"').ToString();
    }
}
