using System.Text;

namespace Moderation.Detection.Tests;

/// <summary>
/// Every evasion applied to every secrecy marking, foreign banner and internal-circulation phrase
/// leaves the action where it was: a disguise a poster can type must not turn a hold into a publish.
/// The evasions are the classes posters use (noise, spacing, dots, emoji, zero-width characters,
/// full-width forms, traditional characters, spaced traditional characters, markup, vertical writing,
/// pinyin, circled digits, Chinese numerals; for English banners Cyrillic and Greek look-alikes,
/// leetspeak, spaced letters, full-width and mathematical letters); each applies where it can.
/// </summary>
public sealed class EvasionPropertyTests
{
    private static readonly DetectionEngine Engine = DetectionEngine.CreateDefault();

    /// <summary>Markings, each alone in a line above ordinary text: held as they are.</summary>
    private static readonly string[] Markings = ["绝密★长期", "机密★10年", "秘密★5年", "绝密★30年", "密级：机密", "【绝密】"];

    /// <summary>Internal-circulation phrases beside a second one (严禁翻印): two phrases are held, one is not.</summary>
    private static readonly string[] Phrases = ["内部资料", "不得外传", "注意保密", "内部通报", "阅后收回", "请勿外传", "仅供领导参阅"];

    private static readonly string[] Banners = ["TOP SECRET//NOFORN", "SECRET//REL TO USA", "CONFIDENTIAL//NOFORN", "TOP SECRET//SI"];

    private static readonly Dictionary<char, char> Traditional = new()
    {
        ['绝'] = '絕', ['机'] = '機', ['长'] = '長', ['级'] = '級', ['内'] = '內', ['资'] = '資', ['传'] = '傳',
        ['报'] = '報', ['阅'] = '閱', ['领'] = '領', ['导'] = '導', ['参'] = '參', ['仅'] = '僅', ['请'] = '請',
        ['勿'] = '勿', ['注'] = '注', ['意'] = '意',
    };

    private static readonly (string Chinese, string Pinyin)[] Pinyin =
    [
        ("仅供领导参阅", "jin gong ling dao can yue"), ("内部资料", "nei bu zi liao"), ("不得外传", "bu de wai chuan"),
        ("注意保密", "zhu yi bao mi"), ("内部通报", "nei bu tong bao"), ("阅后收回", "yue hou shou hui"), ("请勿外传", "qing wu wai chuan"),
        ("绝密", "jue mi"), ("机密", "ji mi"), ("秘密", "mi mi"), ("长期", "chang qi"), ("年", " nian"),
    ];

    private static readonly (string Name, Func<string, string?> Apply)[] ChineseEvasions =
    [
        ("noise", t => BetweenCjk(t, "*")),
        ("spaces", t => BetweenCjk(t, " ")),
        ("dots between every character", t => string.Join(".", t.EnumerateRunes())),
        ("emoji", t => BetweenCjk(t, "🔥")),
        ("zero-width", t => string.Join("\u200B", t.EnumerateRunes())),
        ("full-width", FullWidth),
        ("traditional", t => Map(t)),
        ("spaced traditional", t => BetweenCjk(Map(t), " ")),
        ("markup", t => string.Concat(t.EnumerateRunes().Select(r => IsCjk(r) ? $"<b>{r}</b>" : r.ToString()))),
        ("vertical", t => BetweenCjk(t, "\n")),
        ("toneless pinyin", ToPinyin),
        ("circled digits", t => Replace(t, ("10年", "⑩年"), ("5年", "⑤年"), ("30年", "㉚年"))),
        ("Chinese numerals", t => Replace(t, ("10年", "十年"), ("5年", "五年"), ("30年", "三十年"))),
    ];

    private static readonly (string Name, Func<string, string?> Apply)[] LatinEvasions =
    [
        ("Cyrillic look-alikes", t => MapLatin(t, "TOPECAHKMXB", "ТОРЕСАНКМХВ")),
        ("Greek look-alikes", t => MapLatin(t, "TOPEANIKZ", "ΤΟΡΕΑΝΙΚΖ")),
        ("leetspeak", t => MapLatin(t, "OEI", "031")),
        ("spaced letters", t => string.Join(" ", t.Split(' ').Select(w => string.Join(" ", w.ToCharArray())))),
        ("full-width", FullWidth),
        ("mathematical bold", t => string.Concat(t.Select(c => c is >= 'A' and <= 'Z' ? char.ConvertFromUtf32(0x1D400 + (c - 'A')) : c.ToString()))),
    ];

    public static TheoryData<string, string> ChineseCases()
    {
        var data = new TheoryData<string, string>();
        foreach ((string name, _) in ChineseEvasions)
        {
            foreach (string text in Markings.Concat(Phrases))
            {
                data.Add(name, text);
            }
        }

        return data;
    }

    public static TheoryData<string, string> LatinCases()
    {
        var data = new TheoryData<string, string>();
        foreach ((string name, _) in LatinEvasions)
        {
            foreach (string text in Banners)
            {
                data.Add(name, text);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ChineseCases))]
    public void A_disguised_marking_or_internal_phrase_gets_the_same_action(string evasion, string text)
    {
        string? disguised = ChineseEvasions.Single(e => e.Name == evasion).Apply(text);
        if (disguised is null || disguised == text)
        {
            return; // The evasion has nothing to change in this text (circled digits in 【绝密】).
        }

        // A phrase is held beside a second of the other internal-circulation rule, and published alone.
        string post = Markings.Contains(text) ? "{0}\n关于明年工作安排的说明"
            : Engine.Scan(new ScanInput(null, text)).Findings.Any(f => f.RuleId == "internal-distribution") ? "{0}，严禁翻印" : "内部资料，{0}";
        Decision expected = Engine.Scan(new ScanInput(null, string.Format(post, text))).Decision;
        expected.Should().NotBe(Decision.Publish, "the undisguised text is held");
        Engine.Scan(new ScanInput(null, string.Format(post, disguised))).Decision.Should().Be(expected, $"'{disguised}' disguises '{text}'");
    }

    [Theory]
    [MemberData(nameof(LatinCases))]
    public void A_disguised_banner_gets_the_same_action(string evasion, string text)
    {
        string disguised = LatinEvasions.Single(e => e.Name == evasion).Apply(text)!;
        const string Post = "{0}\nSummary of the planning meeting follows.";
        Decision expected = Engine.Scan(new ScanInput(null, string.Format(Post, text))).Decision;
        expected.Should().NotBe(Decision.Publish, "the undisguised banner is held");
        Engine.Scan(new ScanInput(null, string.Format(Post, disguised))).Decision.Should().Be(expected, $"'{disguised}' disguises '{text}'");
    }

    private static bool IsCjk(Rune r) => r.Value is (>= 0x4E00 and <= 0x9FFF) or 0x2605;

    private static string BetweenCjk(string text, string separator)
    {
        var builder = new StringBuilder();
        Rune? previous = null;
        foreach (Rune r in text.EnumerateRunes())
        {
            if (previous is { } p && IsCjk(p) && IsCjk(r))
            {
                builder.Append(separator);
            }

            builder.Append(r.ToString());
            previous = r;
        }

        return builder.ToString();
    }

    private static string Map(string text) => new([.. text.Select(c => Traditional.GetValueOrDefault(c, c))]);

    private static string MapLatin(string text, string from, string to) =>
        new([.. text.Select(c => from.IndexOf(c, StringComparison.Ordinal) is var i and >= 0 ? to[i] : c)]);

    private static string FullWidth(string text) =>
        new([.. text.Select(c => c is >= '!' and <= '~' ? (char)(c - '!' + '\uFF01') : c == ' ' ? '\u3000' : c)]);

    private static string? ToPinyin(string text)
    {
        string result = text;
        foreach ((string chinese, string pinyin) in Pinyin)
        {
            result = result.Replace(chinese, pinyin, StringComparison.Ordinal);
        }

        return result;
    }

    private static string? Replace(string text, params (string From, string To)[] pairs)
    {
        foreach ((string from, string to) in pairs)
        {
            if (text.Contains(from, StringComparison.Ordinal))
            {
                return text.Replace(from, to, StringComparison.Ordinal);
            }
        }

        return null;
    }
}
