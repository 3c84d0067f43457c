namespace Moderation.Detection.Normalization;

/// <summary>
/// Reads pinyin spellings of the watched phrases (<see cref="PinyinTable"/>) as the characters, so
/// <c>nei bu zi liao</c>, <c>neibu ziliao</c>, <c>bu-de-wai-chuan</c> and <c>jue mi★10年</c> match the same
/// rules as <c>内部资料</c>, <c>不得外传</c> and <c>绝密★10年</c>. Syllables may be run together or separated by up
/// to three spaces or noise characters, carry tone marks (<c>jué mì</c>) or tone digits on every syllable
/// (<c>jue2 mi4</c>), and mix with the characters (<c>内部 zi liao</c>). A spelling must stand as a word: no
/// letter right before or after it. Where it may be read depends on the phrase (<see cref="PinyinContext"/>):
/// <c>mimi</c> and <c>jimi</c> are a word and a name, so classification levels are read only where a marking
/// can stand. Each character maps to the letters of its syllable.
/// </summary>
internal static class PinyinFolding
{
    private const int MaxSeparators = 3;
    private const int MaxUnits = 16;

    // How far before a syllable a phrase can begin with its characters: five characters and their separators.
    private const int MaxLead = 20;

    // Marks the start of the next syllable in the trie.
    private const char Boundary = '\u0001';

    private static readonly Trie s_trie = Trie.Build();

    // The characters a spelling can begin with (a letter, an accented letter, a character), as a bit set.
    private static readonly ulong[] s_first = s_trie.FirstCharacters();

    private static readonly Prefixes s_prefixes = Prefixes.Build(s_trie);

    // The characters of phrases of more than one character, which can be written as they are beside the
    // spelling of the others (内部 zi liao).
    private static readonly ulong[] s_phraseCharacters = PhraseCharacters();

    public static void Apply(ref NormalizedText text)
    {
        ReadOnlySpan<char> chars = text.Text;
        NormalizedText rebuilt = default;
        bool rebuilding = false;
        int copied = 0;
        Span<int> unitStarts = stackalloc int[MaxUnits];
        Span<int> unitEnds = stackalloc int[MaxUnits];
        Span<int> bestStarts = stackalloc int[MaxUnits];
        Span<int> bestEnds = stackalloc int[MaxUnits];
        int position = 0;
        while (true)
        {
            // The next word. Characters before it that are the phrases' own (内部 zi liao) may begin a phrase too.
            int word = position;
            while (word < chars.Length && !IsLetter(chars[word]))
            {
                word++;
            }

            if (word == chars.Length)
            {
                break;
            }

            int lead = word;
            int limit = Math.Max(position, word - MaxLead);
            while (lead > limit && (IsPhraseCharacter(chars[lead - 1]) || IsSeparator(chars[lead - 1])))
            {
                lead--;
            }

            int end = word + 1;
            while (end < chars.Length && IsLetter(chars[end]))
            {
                end++;
            }

            position = end;
            for (int start = lead; start <= word; start++)
            {
                char c = chars[start];
                if ((s_first[c >> 6] & (1UL << (c & 63))) == 0 || (start == word && !s_prefixes.MayBegin(chars[word..])))
                {
                    continue;
                }

                var match = new Matcher(chars, unitStarts, unitEnds, bestStarts, bestEnds);
                match.Run(start);
                if (match.BestEnd < 0)
                {
                    continue;
                }

                (string phrase, PinyinContext context) = s_trie.Phrase(match.BestPhrase);
                if (rebuilding)
                {
                    // The context looks back at the text as rewritten so far (jue mi★shi nian: 十 follows 绝密★).
                    rebuilt.AppendFrom(text, copied, start);
                    copied = start;
                }

                ReadOnlySpan<char> before = rebuilding ? rebuilt.Text : chars[..start];
                if (!InContext(context, before, chars, match.BestEnd) || !UnitsStandAlone(text, bestStarts, bestEnds, phrase.Length))
                {
                    continue;
                }

                if (!rebuilding)
                {
                    rebuilt = new NormalizedText(chars.Length + 8);
                    rebuilding = true;
                }

                rebuilt.AppendFrom(text, copied, start);
                for (int u = 0; u < phrase.Length; u++)
                {
                    rebuilt.Append(phrase[u], text.OriginalStart(bestStarts[u]), text.OriginalEnd(bestEnds[u] - 1));
                }

                copied = position = match.BestEnd;
                break;
            }
        }

        if (rebuilding)
        {
            rebuilt.AppendFrom(text, copied, chars.Length);
            text.Dispose();
            text = rebuilt;
        }
    }

    /// <summary>Each syllable came from original characters of its own (not half of a cluster with a mark after it).</summary>
    private static bool UnitsStandAlone(in NormalizedText text, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, int units)
    {
        for (int u = 0; u < units; u++)
        {
            if (!text.StandsAlone(starts[u], ends[u]))
            {
                return false;
            }
        }

        return true;
    }

    private static ulong[] PhraseCharacters()
    {
        var bits = new ulong[(char.MaxValue + 1) / 64];
        foreach ((string phrase, _, _) in PinyinTable.Entries)
        {
            foreach (char c in phrase.Length > 1 ? phrase : string.Empty)
            {
                bits[c >> 6] |= 1UL << (c & 63);
            }
        }

        return bits;
    }

    /// <summary>What the trie is walked with: the pinyin letter of a character, or the character itself.</summary>
    private static char UnitChar(char c)
    {
        char letter = PinyinLetters.Letter(c);
        return letter != '\0' ? letter : c;
    }

    private static bool IsLetter(char c) => (CharFolding.Flags(c) & CharFlags.PinyinLetter) != 0;

    private static bool IsPhraseCharacter(char c) => (s_phraseCharacters[c >> 6] & (1UL << (c & 63))) != 0;

    private static bool IsSeparator(char c) => c == ' ' || (CharFolding.Flags(c) & CharFlags.Noise) != 0;

    private static bool IsStar(char c) => c is '★' or '☆' or '*';

    /// <summary>The first position at or after <paramref name="index"/> that is not a separator; a star counts as none.</summary>
    private static int SkipSeparators(ReadOnlySpan<char> chars, int index)
    {
        while (index < chars.Length && !IsStar(chars[index]) && IsSeparator(chars[index]))
        {
            index++;
        }

        return index;
    }

    private static bool InContext(PinyinContext context, ReadOnlySpan<char> before, ReadOnlySpan<char> chars, int end) =>
        context switch
        {
            PinyinContext.MarkingLevel => IsLevelContext(before, chars, end),
            PinyinContext.MarkingPeriod => IsPeriodContext(before),
            _ => true,
        };

    /// <summary>
    /// Before the star and a period (jimi★10年, jue mi ★ chang qi, but not Mimi★★★★★), after 密级
    /// (密级：jue mi), or inside 【】〔〕〖〗.
    /// </summary>
    private static bool IsLevelContext(ReadOnlySpan<char> before, ReadOnlySpan<char> chars, int end)
    {
        int next = SkipSeparators(chars, end);
        if (next < chars.Length && IsStar(chars[next]))
        {
            int period = SkipSeparators(chars, next + 1);
            if (period < chars.Length)
            {
                char c = chars[period];
                return char.IsAsciiDigit(c) || c == '长' || IsLetter(c) || (CharFolding.Flags(c) & CharFlags.Numeral) != 0;
            }

            return false;
        }

        int previous = before.Length - 1;
        while (previous >= 0 && before[previous] == ' ')
        {
            previous--;
        }

        if (previous >= 0 && before[previous] == ':')
        {
            previous--;
            while (previous >= 0 && before[previous] == ' ')
            {
                previous--;
            }
        }

        if (previous >= 1 && before[previous] == '级' && before[previous - 1] == '密')
        {
            return true;
        }

        return previous >= 0 && before[previous] is '【' or '〔' or '〖'
            && next < chars.Length && chars[next] is '】' or '〕' or '〗';
    }

    /// <summary>After the star, or after a number (digits, numerals, 个) that follows the star.</summary>
    private static bool IsPeriodContext(ReadOnlySpan<char> before)
    {
        int k = before.Length - 1;
        int numberLength = 0;
        while (k >= 0)
        {
            char c = before[k];
            if (IsStar(c))
            {
                return true;
            }

            if (char.IsAsciiDigit(c) || c == '个' || (CharFolding.Flags(c) & CharFlags.Numeral) != 0)
            {
                if (++numberLength > 6)
                {
                    return false;
                }
            }
            else if (!IsSeparator(c))
            {
                return false;
            }

            k--;
        }

        return false;
    }

    /// <summary>
    /// Depth-first walk of the trie from one position, keeping the longest spelling that ends at a word
    /// boundary, and where each of its syllables (with its tone digit) or characters begins and ends.
    /// </summary>
    private ref struct Matcher
    {
        private readonly ReadOnlySpan<char> _chars;
        private readonly Span<int> _starts;
        private readonly Span<int> _ends;
        private readonly Span<int> _bestStarts;
        private readonly Span<int> _bestEnds;

        public Matcher(ReadOnlySpan<char> chars, Span<int> starts, Span<int> ends, Span<int> bestStarts, Span<int> bestEnds)
        {
            _chars = chars;
            _starts = starts;
            _ends = ends;
            _bestStarts = bestStarts;
            _bestEnds = bestEnds;
            BestEnd = -1;
            BestPhrase = -1;
        }

        private enum Tone : byte
        {
            Unknown,
            Marked,
            Unmarked,
        }

        /// <summary>Where the longest spelling ends (after a tone digit on its last syllable), or -1.</summary>
        public int BestEnd { get; private set; }

        public int BestPhrase { get; private set; }

        public void Run(int start)
        {
            int node = s_trie.Child(0, UnitChar(_chars[start]));
            _starts[0] = start;
            Walk(node, start + 1, 0, Tone.Unknown);
        }

        private void Walk(int node, int position, int unit, Tone tone)
        {
            if (s_trie.PhraseAt(node) >= 0)
            {
                Accept(node, position, unit, tone);
            }

            if (position < _chars.Length)
            {
                int child = s_trie.Child(node, UnitChar(_chars[position]));
                if (child > 0)
                {
                    Walk(child, position + 1, unit, tone);
                }
            }

            int next = s_trie.Child(node, Boundary);
            if (next <= 0 || unit + 1 >= MaxUnits)
            {
                return;
            }

            int p = position;
            if (!s_trie.EndsWithCharacter(node) && !TakeTone(ref p, ref tone))
            {
                return;
            }

            // A syllable's tone digit belongs to it, so the character maps to both (mi4).
            int syllableEnd = p;
            for (int separators = 0; p < _chars.Length && separators < MaxSeparators && IsSeparator(_chars[p]); separators++)
            {
                p++;
            }

            if (p < _chars.Length)
            {
                int child = s_trie.Child(next, UnitChar(_chars[p]));
                if (child > 0)
                {
                    _ends[unit] = syllableEnd;
                    _starts[unit + 1] = p;
                    Walk(child, p + 1, unit + 1, tone);
                }
            }
        }

        private void Accept(int node, int position, int unit, Tone tone)
        {
            int end = position;
            if (!s_trie.EndsWithCharacter(node))
            {
                if (!TakeTone(ref end, ref tone) || (end < _chars.Length && IsLetter(_chars[end])))
                {
                    return;
                }
            }

            if (end <= BestEnd)
            {
                return;
            }

            BestEnd = end;
            BestPhrase = s_trie.PhraseAt(node);
            _ends[unit] = end;
            _starts[..(unit + 1)].CopyTo(_bestStarts);
            _ends[..(unit + 1)].CopyTo(_bestEnds);
        }

        /// <summary>A tone digit after a syllable: on every syllable of a spelling or on none.</summary>
        private readonly bool TakeTone(ref int position, ref Tone tone)
        {
            bool digit = position < _chars.Length && _chars[position] is >= '1' and <= '5'
                && (position + 1 == _chars.Length || !char.IsAsciiDigit(_chars[position + 1]));
            switch (tone)
            {
                case Tone.Unknown:
                    tone = digit ? Tone.Marked : Tone.Unmarked;
                    break;
                case Tone.Marked when !digit:
                    return false;
                case Tone.Unmarked:
                    return true;
            }

            if (digit)
            {
                position++;
            }

            return true;
        }
    }

    /// <summary>
    /// The letter prefixes a spelling can begin with, up to three letters (syllables may run together,
    /// jimi), and the one- and two-letter prefixes that can be a whole syllable followed by something
    /// other than a letter (ji mi, ji2mi). Bit sets indexed by letter, so ruling out an ordinary word
    /// costs a few array reads instead of a walk of the trie.
    /// </summary>
    private sealed class Prefixes
    {
        private const int Letters = 26;

        private readonly ulong[] _three = new ulong[((Letters * Letters * Letters) + 63) / 64];
        private readonly ulong[] _twoWhole = new ulong[((Letters * Letters) + 63) / 64];
        private uint _oneWhole;

        public static Prefixes Build(Trie trie)
        {
            var prefixes = new Prefixes();
            prefixes.Visit(trie, 0, 0, 0);
            return prefixes;
        }

        /// <summary>False when no spelling can begin at the start of <paramref name="text"/>, which begins with a letter.</summary>
        public bool MayBegin(ReadOnlySpan<char> text)
        {
            int first = Index(PinyinLetters.Letter(text[0]));
            int second = text.Length > 1 ? Index(PinyinLetters.Letter(text[1])) : -1;
            if (second < 0)
            {
                return (_oneWhole & (1u << first)) != 0;
            }

            int two = (first * Letters) + second;
            int third = text.Length > 2 ? Index(PinyinLetters.Letter(text[2])) : -1;
            if (third < 0)
            {
                return Has(_twoWhole, two);
            }

            return Has(_three, (two * Letters) + third);
        }

        private static int Index(char letter) => letter == '\0' ? -1 : letter - 'a';

        private static bool Has(ulong[] bits, int index) => (bits[index >> 6] & (1UL << (index & 63))) != 0;

        private static void Set(ulong[] bits, int index) => bits[index >> 6] |= 1UL << (index & 63);

        /// <summary>Walks every letter path of up to three letters, crossing syllable boundaries without a separator.</summary>
        private void Visit(Trie trie, int node, int depth, int prefix)
        {
            bool whole = trie.PhraseAt(node) >= 0 || trie.Child(node, Boundary) > 0;
            if (depth == 1 && whole)
            {
                _oneWhole |= 1u << prefix;
            }
            else if (depth == 2 && whole)
            {
                Set(_twoWhole, prefix);
            }
            else if (depth == 3)
            {
                Set(_three, prefix);
                return;
            }

            for (char c = 'a'; c <= 'z'; c++)
            {
                int next = (depth == 0 ? 0 : prefix * Letters) + (c - 'a');
                int child = trie.Child(node, c);
                if (child > 0)
                {
                    Visit(trie, child, depth + 1, next);
                }

                int boundary = depth > 0 ? trie.Child(node, Boundary) : 0;
                int across = boundary > 0 ? trie.Child(boundary, c) : 0;
                if (across > 0)
                {
                    Visit(trie, across, depth + 1, next);
                }
            }
        }
    }

    /// <summary>
    /// Every spelling of every phrase: syllables (or the characters themselves) separated by
    /// <see cref="Boundary"/>. Sorted edges per node, as in the term automaton.
    /// </summary>
    private sealed class Trie
    {
        private readonly int[] _edgeStart;
        private readonly char[] _edgeChar;
        private readonly int[] _edgeTarget;
        private readonly int[] _phrase;
        private readonly bool[] _endsWithCharacter;
        private readonly (string Phrase, PinyinContext Context)[] _phrases;

        private Trie(int[] edgeStart, char[] edgeChar, int[] edgeTarget, int[] phrase, bool[] endsWithCharacter, (string, PinyinContext)[] phrases)
        {
            _edgeStart = edgeStart;
            _edgeChar = edgeChar;
            _edgeTarget = edgeTarget;
            _phrase = phrase;
            _endsWithCharacter = endsWithCharacter;
            _phrases = phrases;
        }

        public static Trie Build()
        {
            var children = new List<SortedDictionary<char, int>> { new() };
            var phraseAt = new List<int> { -1 };
            var endsWithCharacter = new List<bool> { false };
            var phrases = new (string, PinyinContext)[PinyinTable.Entries.Length];
            for (int p = 0; p < PinyinTable.Entries.Length; p++)
            {
                (string phrase, PinyinContext context, string readings) = PinyinTable.Entries[p];
                phrases[p] = (phrase, context);

                // Each character is spelt by one of its readings, or written as it is; at least one is spelt.
                string[][] options = readings.Split(' ')
                    .Select((spellings, k) => spellings.Split('/').Append(phrase[k].ToString()).ToArray())
                    .ToArray();
                foreach (string[] spelling in Combinations(options))
                {
                    if (spelling.Select((unit, k) => unit.Length == 1 && unit[0] == phrase[k]).All(written => written))
                    {
                        continue;
                    }

                    int node = 0;
                    for (int k = 0; k < spelling.Length; k++)
                    {
                        if (k > 0)
                        {
                            node = Step(node, Boundary);
                        }

                        foreach (char c in spelling[k])
                        {
                            node = Step(node, c);
                        }

                        endsWithCharacter[node] = spelling[k].Length == 1 && spelling[k][0] == phrase[k];
                    }

                    if (phraseAt[node] < 0)
                    {
                        phraseAt[node] = p;
                    }
                }
            }

            var edgeStart = new int[children.Count + 1];
            var edgeChar = new List<char>();
            var edgeTarget = new List<int>();
            for (int n = 0; n < children.Count; n++)
            {
                edgeStart[n] = edgeChar.Count;
                foreach ((char c, int target) in children[n])
                {
                    edgeChar.Add(c);
                    edgeTarget.Add(target);
                }
            }

            edgeStart[children.Count] = edgeChar.Count;
            return new Trie(edgeStart, [.. edgeChar], [.. edgeTarget], [.. phraseAt], [.. endsWithCharacter], phrases);

            int Step(int node, char c)
            {
                if (!children[node].TryGetValue(c, out int next))
                {
                    next = children.Count;
                    children[node][c] = next;
                    children.Add(new SortedDictionary<char, int>());
                    phraseAt.Add(-1);
                    endsWithCharacter.Add(false);
                }

                return next;
            }
        }

        /// <summary>The characters whose unit begins some spelling, as a bit set.</summary>
        public ulong[] FirstCharacters()
        {
            var first = new ulong[(char.MaxValue + 1) / 64];
            for (int c = 0; c <= char.MaxValue; c++)
            {
                if (Child(0, UnitChar((char)c)) > 0)
                {
                    first[c >> 6] |= 1UL << (c & 63);
                }
            }

            return first;
        }

        /// <summary>The node after <paramref name="c"/>, or 0 (the root is never a child) when there is none.</summary>
        public int Child(int node, char c)
        {
            int from = _edgeStart[node];
            int index = _edgeChar.AsSpan(from, _edgeStart[node + 1] - from).BinarySearch(c);
            return index >= 0 ? _edgeTarget[from + index] : 0;
        }

        public int PhraseAt(int node) => _phrase[node];

        /// <summary>The last unit into this node was a character written as it is, so it takes no tone digit.</summary>
        public bool EndsWithCharacter(int node) => _endsWithCharacter[node];

        public (string Phrase, PinyinContext Context) Phrase(int index) => _phrases[index];

        private static IEnumerable<string[]> Combinations(string[][] options)
        {
            var indices = new int[options.Length];
            while (true)
            {
                yield return options.Select((choices, k) => choices[indices[k]]).ToArray();
                int position = options.Length - 1;
                while (position >= 0 && ++indices[position] == options[position].Length)
                {
                    indices[position--] = 0;
                }

                if (position < 0)
                {
                    yield break;
                }
            }
        }
    }
}
