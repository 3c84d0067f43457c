using System.Buffers;

namespace Moderation.Detection.Normalization;

/// <summary>
/// Normalised text plus, for every normalised character, the span of original characters it came
/// from. Buffers are pooled: dispose it when the scan of the field is done.
/// </summary>
/// <remarks>
/// The spans are ordered: each character's span starts at or after the start of the one before and
/// ends at or after its end, and two spans either are the same span (the characters one original
/// character expanded to, such as … → ...) or do not overlap.
/// </remarks>
internal ref struct NormalizedText
{
    private char[] _chars;
    private int[] _starts;
    private int[] _ends;
    private int _length;

    // Noise collapse state: the output position where a run of noise after an anchor or digit began
    // (-1: none), and what the last character before that run was.
    private int _pendingNoise;
    private Joinable _last;

    // Every flag of every character appended, so the context folds run only on text that needs them.
    private CharFlags _seen;

    public NormalizedText(int capacity)
    {
        capacity = Math.Max(capacity, 16);
        _chars = ArrayPool<char>.Shared.Rent(capacity);
        _starts = ArrayPool<int>.Shared.Rent(capacity);
        _ends = ArrayPool<int>.Shared.Rent(capacity);
        _length = 0;
        _pendingNoise = -1;
        _last = Joinable.No;
        _seen = CharFlags.None;
    }

    private enum Joinable : byte
    {
        No,
        Digit,
        Anchor,
    }

    public readonly ReadOnlySpan<char> Text => _chars.AsSpan(0, _length);

    public readonly int Length => _length;

    /// <summary>The flags of all characters appended so far.</summary>
    internal readonly CharFlags Seen => _seen;

    /// <summary>Maps a span of the normalised text back to the original text it was produced from.</summary>
    public readonly (int Start, int Length) ToOriginal(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, _length);
        int originalStart = _starts[start];
        return (originalStart, _ends[start + length - 1] - originalStart);
    }

    /// <summary>Start of the original span of normalised character <paramref name="index"/>.</summary>
    internal readonly int OriginalStart(int index) => _starts[index];

    /// <summary>End (exclusive) of the original span of normalised character <paramref name="index"/>.</summary>
    internal readonly int OriginalEnd(int index) => _ends[index];

    /// <summary>
    /// True when the characters [start, end) came from original characters of their own: neither the
    /// character before nor the one after shares an original span with them (as the characters NFKC makes
    /// of one cluster do). A context fold rewrites only such runs, so the spans stay ordered.
    /// </summary>
    internal readonly bool StandsAlone(int start, int end) =>
        (start == 0 || _ends[start - 1] <= _starts[start]) && (end == _length || _ends[end - 1] <= _starts[end]);

    /// <summary>Replaces a character in place, keeping its original span (a fold of one character to one).</summary>
    internal void Replace(int index, char c)
    {
        _chars[index] = c;
        _seen |= CharFolding.Flags(c);
    }

    /// <summary>
    /// Appends one folded character that came from original characters [start, end). Noise between
    /// two anchors, or between an anchor and a digit, is taken back out, and a whitespace run becomes
    /// one space: <c>机 * 密</c> reads <c>机密</c> and <c>★ 10 年</c> reads <c>★10年</c>, while
    /// <c>top  secret</c> and <c>2.0</c> keep their separators. An asterisk in noise between a level's 密
    /// and what can begin a marking period (a digit, a Chinese numeral, 长) is kept, because it may be the
    /// star of the marking: <c>机密 * 10年</c> reads <c>机密*10年</c>.
    /// </summary>
    public void Append(char c, int start, int end)
    {
        CharFlags flags = CharFolding.Flags(c);
        _seen |= flags;
        if ((flags & CharFlags.Continuation) != 0)
        {
            Push(c, start, end);
            return;
        }

        if ((flags & CharFlags.Noise) != 0)
        {
            if ((flags & CharFlags.Space) != 0 && _length > 0 && _chars[_length - 1] == ' ')
            {
                _ends[_length - 1] = end;
                return;
            }

            if (_pendingNoise < 0 && _last != Joinable.No)
            {
                _pendingNoise = _length;
            }

            Push(c, start, end);
            return;
        }

        Joinable current = (flags & CharFlags.Anchor) != 0 ? Joinable.Anchor
            : char.IsAsciiDigit(c) ? Joinable.Digit
            : Joinable.No;
        if (_pendingNoise >= 0 && current != Joinable.No && (current == Joinable.Anchor || _last == Joinable.Anchor))
        {
            // A star can only follow a classification level, whose last character is 密: elsewhere an asterisk
            // is noise (机*密*★*长*期 after the star itself, 导*参 before 参, which is also the numeral 3).
            bool afterLevel = _pendingNoise > 0 && _chars[_pendingNoise - 1] == '密';
            DropPendingNoise(afterLevel && (current == Joinable.Digit || (flags & CharFlags.Numeral) != 0 || c == '长'));
        }

        _pendingNoise = -1;
        _last = current;
        Push(c, start, end);
    }

    /// <summary>
    /// Appends characters [from, to) of <paramref name="source"/> with their original spans, as the
    /// context folds do when they rewrite the text: noise is collapsed again around what they changed.
    /// </summary>
    internal void AppendFrom(in NormalizedText source, int from, int to)
    {
        ReadOnlySpan<char> chars = source.Text;
        for (int k = from; k < to; k++)
        {
            Append(chars[k], source._starts[k], source._ends[k]);
        }
    }

    /// <summary>Takes the pending noise run back out; with <paramref name="keepStar"/>, an asterisk in it stays.</summary>
    private void DropPendingNoise(bool keepStar)
    {
        if (keepStar)
        {
            for (int i = _pendingNoise; i < _length; i++)
            {
                if (_chars[i] == '*')
                {
                    _chars[_pendingNoise] = '*';
                    _starts[_pendingNoise] = _starts[i];
                    _ends[_pendingNoise] = _ends[i];
                    _length = _pendingNoise + 1;
                    return;
                }
            }
        }

        _length = _pendingNoise;
    }

    public void Dispose()
    {
        if (_chars is null)
        {
            return;
        }

        ArrayPool<char>.Shared.Return(_chars);
        ArrayPool<int>.Shared.Return(_starts);
        ArrayPool<int>.Shared.Return(_ends);
        _chars = null!;
        _starts = null!;
        _ends = null!;
        _length = 0;
    }

    private void Push(char c, int start, int end)
    {
        if (_length == _chars.Length)
        {
            Grow();
        }

        _chars[_length] = c;
        _starts[_length] = start;
        _ends[_length] = end;
        _length++;
    }

    private void Grow()
    {
        int capacity = _chars.Length * 2;
        _chars = Regrow(_chars, capacity, _length);
        _starts = Regrow(_starts, capacity, _length);
        _ends = Regrow(_ends, capacity, _length);
    }

    private static T[] Regrow<T>(T[] old, int capacity, int used)
    {
        T[] grown = ArrayPool<T>.Shared.Rent(capacity);
        old.AsSpan(0, used).CopyTo(grown);
        ArrayPool<T>.Shared.Return(old);
        return grown;
    }
}
