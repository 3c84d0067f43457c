using System.Text;

namespace Moderation.Learning.Corpus.Generation;

/// <summary>
/// The tricks posters use to slip a marking past a filter, applied to posts of the leak families:
/// noise characters between letters, full-width forms, zero-width characters, traditional characters
/// and Cyrillic look-alikes. Each evasion example keeps its base family's split.
/// </summary>
internal static class Evasions
{
    public static IReadOnlyList<string> Names { get; } = ["noise", "full-width", "zero-width", "traditional", "look-alike"];

    // Words worth hiding: what a filter would look for first.
    private static readonly string[] Targets =
    [
        "绝密", "机密", "秘密", "密级", "内部资料", "内部文件", "内部传阅", "内部通知", "不得外传", "注意保密", "严禁复制",
        "阅后收回", "严禁扩散", "部队", "阵地", "作战方案", "兵力部署", "保密期限", "TOP SECRET", "SECRET", "NOFORN",
    ];

    private static readonly string[] Noise = ["*", " ", ".", "-", "_", "·", "/", "|", "  ", "**"];

    private static readonly string[] ZeroWidth = ["\u200B", "\u200C", "\u200D", "\uFEFF", "\u2060"];

    private static readonly Dictionary<char, char> Traditional = new()
    {
        ['机'] = '機', ['绝'] = '絕', ['内'] = '內', ['资'] = '資', ['传'] = '傳', ['队'] = '隊', ['阵'] = '陣',
        ['级'] = '級', ['长'] = '長', ['军'] = '軍', ['战'] = '戰', ['发'] = '發', ['国'] = '國', ['务'] = '務',
        ['厅'] = '廳', ['关'] = '關', ['报'] = '報', ['复'] = '複', ['阅'] = '閱', ['后'] = '後',
        ['严'] = '嚴', ['扩'] = '擴', ['导'] = '導', ['弹'] = '彈',
        ['签'] = '簽', ['试'] = '試', ['验'] = '驗', ['划'] = '劃', ['调'] = '調', ['经'] = '經', ['况'] = '況',
    };

    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['E'] = 'Е', ['C'] = 'С', ['T'] = 'Т', ['O'] = 'О', ['P'] = 'Р', ['S'] = 'Ѕ', ['N'] = 'Ν',
        ['e'] = 'е', ['c'] = 'с', ['o'] = 'о', ['p'] = 'р', ['a'] = 'а',
    };

    public static GeneratedPost Apply(string evasion, GeneratedPost post, Slots s) =>
        new(post.Title is null ? null : Apply(evasion, post.Title, s), Apply(evasion, post.Body, s));

    private static string Apply(string evasion, string text, Slots s) => evasion switch
    {
        "noise" => Hide(text, s, (word, slots) => Interleave(word, slots.Pick(Noise))),
        "zero-width" => Hide(text, s, (word, slots) => Interleave(word, slots.Pick(ZeroWidth))),
        "full-width" => FullWidth(text),
        "traditional" => Map(text, Traditional),
        "look-alike" => Hide(text, s, (word, _) => Map(word, LookAlikes)),
        _ => throw new ArgumentOutOfRangeException(nameof(evasion), evasion, "unknown evasion"),
    };

    private static string Hide(string text, Slots s, Func<string, Slots, string> disguise)
    {
        foreach (string target in Targets)
        {
            int at = text.IndexOf(target, StringComparison.Ordinal);
            while (at >= 0)
            {
                string disguised = disguise(target, s);
                text = string.Concat(text.AsSpan(0, at), disguised, text.AsSpan(at + target.Length));
                at = text.IndexOf(target, at + disguised.Length, StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static string Interleave(string word, string separator)
    {
        var builder = new StringBuilder(word.Length * (separator.Length + 1));
        for (int i = 0; i < word.Length; i++)
        {
            if (i > 0 && word[i] != ' ' && word[i - 1] != ' ')
            {
                builder.Append(separator);
            }

            builder.Append(word[i]);
        }

        return builder.ToString();
    }

    private static string FullWidth(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                ' ' => '\u3000',
                >= '!' and <= '~' => (char)(c - '!' + '\uFF01'),
                _ => c,
            });
        }

        return builder.ToString();
    }

    private static string Map(string text, Dictionary<char, char> map)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(map.TryGetValue(c, out char mapped) ? mapped : c);
        }

        return builder.ToString();
    }
}
