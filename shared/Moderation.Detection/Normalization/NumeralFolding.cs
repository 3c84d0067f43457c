using System.Buffers;

namespace Moderation.Detection.Normalization;

/// <summary>
/// Reads Chinese numerals as ASCII digits where a rule needs a number, and nowhere else, so ordinary
/// text (<c>一个</c>, <c>五星好评</c>, <c>十分</c>) is left alone:
/// <list type="bullet">
/// <item>the period of a marking, after the star: <c>机密★五年</c>, <c>绝密★二十年</c>, <c>秘密★六个月</c> read
/// <c>★5年</c>, <c>★20年</c>, <c>★6个月</c>;</item>
/// <item>the year of a document number in brackets: <c>〔二〇二四〕</c> reads <c>〔2024〕</c>;</item>
/// <item>the serial after it: <c>〕十二号</c>, <c>〕第三号</c> read <c>〕12号</c>, <c>〕第3号</c>;</item>
/// <item>a five-digit unit designation: <c>六一三九八部队</c> reads <c>61398部队</c>;</item>
/// <item>the degrees of a coordinate after 北纬, 南纬, 东经 or 西经, and its minutes and seconds:
/// <c>东经一百一十六度二十三分</c> reads <c>东经116度23分</c>.</item>
/// </list>
/// Numerals are positional (<c>二〇二四</c>), use one tens sign (<c>十五</c>, <c>二十</c>, <c>廿五</c>), or a
/// hundreds sign before that (<c>一百一十六</c>, <c>一百零七</c>); anything else is left as it is. The digits map to the numerals they came from.
/// </summary>
internal static class NumeralFolding
{
    private const int MaxRun = 8;

    private static readonly SearchValues<char> s_numerals = SearchValues.Create(NumeralTable.Characters);

    public static void Apply(ref NormalizedText text)
    {
        NormalizedText rebuilt = default;
        bool rebuilding = false;
        int copied = 0;
        Span<char> digits = stackalloc char[MaxRun];
        ReadOnlySpan<char> chars = text.Text;
        int i = 0;
        while (i < chars.Length)
        {
            int found = chars[i..].IndexOfAny(s_numerals);
            if (found < 0)
            {
                break;
            }

            i += found;
            int end = i + 1;
            while (end < chars.Length && (CharFolding.Flags(chars[end]) & CharFlags.Numeral) != 0)
            {
                end++;
            }

            int count = end - i <= MaxRun && text.StandsAlone(i, end) && NeedsNumber(chars, i, end) ? Read(chars[i..end], digits) : 0;
            if (count > 0)
            {
                if (!rebuilding)
                {
                    rebuilt = new NormalizedText(chars.Length + 8);
                    rebuilding = true;
                }

                rebuilt.AppendFrom(text, copied, i);
                EmitDigits(text, ref rebuilt, digits[..count], i, end);
                copied = end;
            }

            i = end;
        }

        if (rebuilding)
        {
            rebuilt.AppendFrom(text, copied, chars.Length);
            text.Dispose();
            text = rebuilt;
        }
    }

    /// <summary>The numerals [start, end) stand where a rule of the default set needs a number.</summary>
    private static bool NeedsNumber(ReadOnlySpan<char> chars, int start, int end)
    {
        int before = SkipBack(chars, start - 1);
        int after = SkipForward(chars, end);
        char previous = before >= 0 ? chars[before] : '\0';
        char next = after < chars.Length ? chars[after] : '\0';

        // 机密★五年, 秘密★六个月
        if (previous is '★' or '☆' or '*')
        {
            return next is '年' or '月' || (next == '个' && after + 1 < chars.Length && chars[after + 1] == '月');
        }

        // 〔二〇二四〕
        if ((previous is '〔' or '[' or '(' or '【' or '〖') && (next is '〕' or ']' or ')' or '】' or '〗'))
        {
            return end - start == 4 && IsPositional(chars[start..end]);
        }

        // 〕十二号, 〕第三号
        if (previous == '第')
        {
            int beforeOrdinal = SkipBack(chars, before - 1);
            previous = beforeOrdinal >= 0 ? chars[beforeOrdinal] : '\0';
        }

        if ((previous is '〕' or ']' or ')' or '】' or '〗') && next == '号')
        {
            return true;
        }

        // 北纬三十九度, 东经一百一十六度; then 五十四分, 三十秒 after the degrees or minutes of one.
        if (next == '度')
        {
            return before >= 1 && chars[before] is '纬' or '经' && chars[before - 1] is '北' or '南' or '东' or '西';
        }

        if (next is '分' or '秒' && previous is '度' or '分' && before >= 1
            && (char.IsAsciiDigit(chars[before - 1]) || (CharFolding.Flags(chars[before - 1]) & CharFlags.Numeral) != 0))
        {
            return true;
        }

        // 六一三九八部队
        return end - start == 5 && IsPositional(chars[start..end])
            && after + 1 < chars.Length && chars[after] == '部' && chars[after + 1] == '队';
    }

    /// <summary>The value of a numeral run as ASCII digits; 0 when it is not a number written one of the usual ways.</summary>
    private static int Read(ReadOnlySpan<char> numerals, Span<char> digits)
    {
        int hundreds = numerals.IndexOfAny('百', '佰');
        if (hundreds >= 0)
        {
            return ReadHundreds(numerals, hundreds, digits);
        }

        if (IsPositional(numerals))
        {
            for (int k = 0; k < numerals.Length; k++)
            {
                digits[k] = (char)('0' + Value(numerals[k]));
            }

            return numerals.Length;
        }

        // One tens sign, at most one digit before it (only for 十) and at most one after: 十, 十五, 二十, 二十五, 廿五.
        int sign = -1;
        for (int k = 0; k < numerals.Length; k++)
        {
            if (Value(numerals[k]) >= 10)
            {
                if (sign >= 0)
                {
                    return 0;
                }

                sign = k;
            }
        }

        int tens = Value(numerals[sign]);
        if (sign > 1 || numerals.Length - sign > 2 || (sign == 1 && (tens != 10 || Value(numerals[0]) == 0)))
        {
            return 0;
        }

        int value = (sign == 1 ? Value(numerals[0]) * tens : tens) + (sign < numerals.Length - 1 ? Value(numerals[^1]) : 0);
        return value.TryFormat(digits, out int written, provider: System.Globalization.CultureInfo.InvariantCulture) ? written : 0;
    }

    /// <summary>一百 (100), 二百三 is not read; 一百一十六 (116), 一百零七 (107), 百二十 (120): at most one digit before 百, then 零 and a digit, or a tens part.</summary>
    private static int ReadHundreds(ReadOnlySpan<char> numerals, int sign, Span<char> digits)
    {
        if (sign > 1 || (sign == 1 && Value(numerals[0]) is 0 or > 9))
        {
            return 0;
        }

        int value = (sign == 1 ? Value(numerals[0]) : 1) * 100;
        ReadOnlySpan<char> rest = numerals[(sign + 1)..];
        if (rest.Length == 2 && Value(rest[0]) == 0 && Value(rest[1]) is > 0 and <= 9)
        {
            value += Value(rest[1]);
        }
        else if (rest.Length > 0)
        {
            Span<char> tens = stackalloc char[MaxRun];
            int written = rest.IndexOfAny('百', '佰') < 0 && !IsPositional(rest) ? Read(rest, tens) : 0;
            if (written == 0 || !int.TryParse(tens[..written], System.Globalization.CultureInfo.InvariantCulture, out int below) || below is < 10 or > 99)
            {
                return 0;
            }

            value += below;
        }

        return value.TryFormat(digits, out int count, provider: System.Globalization.CultureInfo.InvariantCulture) ? count : 0;
    }

    /// <summary>
    /// Appends the digits for numerals [start, end): each digit maps to the numeral at its position, the
    /// last one to all the numerals left (<c>二十五</c> → <c>2</c> from 二, <c>5</c> from 十五), and extra digits
    /// to the last numeral (<c>十</c> → <c>1</c>, <c>0</c> both from 十).
    /// </summary>
    private static void EmitDigits(in NormalizedText source, ref NormalizedText target, scoped ReadOnlySpan<char> digits, int start, int end)
    {
        int count = end - start;
        for (int d = 0; d < digits.Length; d++)
        {
            int first = start + Math.Min(d, count - 1);
            int last = d == digits.Length - 1 ? end - 1 : first;
            target.Append(digits[d], source.OriginalStart(first), source.OriginalEnd(last));
        }
    }

    private static bool IsPositional(ReadOnlySpan<char> numerals)
    {
        foreach (char c in numerals)
        {
            if (Value(c) > 9)
            {
                return false;
            }
        }

        return true;
    }

    private static int Value(char numeral) => NumeralTable.Values[NumeralTable.Characters.IndexOf(numeral, StringComparison.Ordinal)];

    private static int SkipBack(ReadOnlySpan<char> chars, int index)
    {
        while (index >= 0 && chars[index] == ' ')
        {
            index--;
        }

        return index;
    }

    private static int SkipForward(ReadOnlySpan<char> chars, int index)
    {
        while (index < chars.Length && chars[index] == ' ')
        {
            index++;
        }

        return index;
    }
}
