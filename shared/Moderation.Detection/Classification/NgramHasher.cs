namespace Moderation.Detection.Classification;

/// <summary>
/// One pass over normalised text that yields a 64-bit key for every character n-gram and word n-gram
/// (lengths 1 to N), the same keys for training and for scoring. The post reads as
/// <c>␂ title ␊ body ␃</c>: the markers give the first and last characters n-grams of their own, as
/// a line's opening <c>机密★</c> differs from one in the middle of a sentence. Words are runs of
/// letters and digits outside the CJK blocks (English, pinyin, numbers); Chinese is covered by the
/// character n-grams. Keys are FNV-1a over the UTF-16 units with the n-gram's kind and length mixed in
/// and a final avalanche: collisions among the ~10⁵ n-grams of a vocabulary are vanishingly unlikely
/// at 64 bits.
/// </summary>
internal struct NgramHasher<TSink>
    where TSink : struct, INgramSink
{
    private const ulong Prime = 0x100000001B3;
    private const ulong CharSeed = 0xCBF29CE484222325;
    private const ulong WordSeed = 0x84222325CBF29CE4;
    private const ulong WordJoin = 0x9E3779B97F4A7C15;
    private const char Start = '\u0002';
    private const char End = '\u0003';

    private readonly int _charN;
    private readonly int _wordN;
    private readonly bool _foldDigits;
    private TSink _sink;

    // The last characters seen (a ring of MaxNgramLength), how many, and the same for finished words.
    private CharRing _chars;
    private int _charCount;
    private WordRing _words;
    private int _wordCount;
    private ulong _word;
    private bool _inWord;

    public NgramHasher(ClassifierFeatures features, TSink sink)
    {
        _charN = features.CharNgramLength;
        _wordN = features.WordNgramLength;
        _foldDigits = features.FoldDigits;
        _sink = sink;
        Push(Start);
    }

    public readonly TSink Sink => _sink;

    /// <summary>Feeds normalised text; call once per field, with <see cref="Separate"/> between fields.</summary>
    public void Append(ReadOnlySpan<char> text)
    {
        foreach (char raw in text)
        {
            char c = _foldDigits && raw is >= '1' and <= '9' ? '0' : raw;
            Push(c);
            if (_wordN > 0)
            {
                if (c < '\u2E80' && char.IsLetterOrDigit(c))
                {
                    _word = ((_inWord ? _word : WordSeed) ^ c) * Prime;
                    _inWord = true;
                }
                else if (_inWord)
                {
                    EndWord();
                }
            }
        }
    }

    /// <summary>Between title and body: a line break, as the model text has always read.</summary>
    public void Separate() => Append("\n");

    /// <summary>Ends the text: the closing marker's n-grams and the last word.</summary>
    public TSink Finish()
    {
        if (_inWord)
        {
            EndWord();
        }

        Push(End);
        return _sink;
    }

    private void Push(char c)
    {
        _chars[_charCount % ClassifierFeatures.MaxNgramLength] = c;
        _charCount++;
        int available = Math.Min(_charN, _charCount);
        ulong h = CharSeed;
        for (int length = 1; length <= available; length++)
        {
            char at = _chars[(_charCount - length) % ClassifierFeatures.MaxNgramLength];
            h = (h ^ at) * Prime;
            _sink.Add(Finalise(h ^ ((ulong)length << 56)));
        }
    }

    private void EndWord()
    {
        _inWord = false;
        _words[_wordCount % ClassifierFeatures.MaxNgramLength] = Finalise(_word);
        _wordCount++;
        int available = Math.Min(_wordN, _wordCount);
        ulong h = WordSeed;
        for (int length = 1; length <= available; length++)
        {
            h = (h ^ _words[(_wordCount - length) % ClassifierFeatures.MaxNgramLength]) * WordJoin;
            _sink.Add(Finalise(h ^ ((ulong)(length | 0x80) << 56)));
        }
    }

    private static ulong Finalise(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCD;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53;
        return h ^ (h >> 33);
    }

    [System.Runtime.CompilerServices.InlineArray(ClassifierFeatures.MaxNgramLength)]
    private struct CharRing
    {
        private char _first;
    }

    [System.Runtime.CompilerServices.InlineArray(ClassifierFeatures.MaxNgramLength)]
    private struct WordRing
    {
        private ulong _first;
    }
}
