using System.Buffers;

namespace Moderation.Detection.Normalization;

/// <summary>
/// Normalised text plus, for every normalised character, the span of original characters it came
/// from. Buffers are pooled: dispose it when the scan of the field is done.
/// </summary>
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

    public NormalizedText(int capacity)
    {
        capacity = Math.Max(capacity, 16);
        _chars = ArrayPool<char>.Shared.Rent(capacity);
        _starts = ArrayPool<int>.Shared.Rent(capacity);
        _ends = ArrayPool<int>.Shared.Rent(capacity);
        _length = 0;
        _pendingNoise = -1;
        _last = Joinable.No;
    }

    private enum Joinable : byte
    {
        No,
        Digit,
        Anchor,
    }

    public readonly ReadOnlySpan<char> Text => _chars.AsSpan(0, _length);

    public readonly int Length => _length;

    /// <summary>Maps a span of the normalised text back to the original text it was produced from.</summary>
    public readonly (int Start, int Length) ToOriginal(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, _length);
        int originalStart = _starts[start];
        return (originalStart, _ends[start + length - 1] - originalStart);
    }

    /// <summary>
    /// Appends one folded character that came from original characters [start, end). Noise between
    /// two anchors, or between an anchor and a digit, is taken back out, and a whitespace run becomes
    /// one space: <c>机 * 密</c> reads <c>机密</c> and <c>★ 10 年</c> reads <c>★10年</c>, while
    /// <c>top  secret</c> and <c>2.0</c> keep their separators.
    /// </summary>
    public void Append(char c, int start, int end)
    {
        CharFlags flags = CharFolding.Flags(c);
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
            _length = _pendingNoise;
        }

        _pendingNoise = -1;
        _last = current;
        Push(c, start, end);
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
