namespace Moderation.Detection.Matching;

/// <summary>
/// Aho–Corasick automaton over normalised terms: one pass over the text finds every occurrence of
/// every term of every term rule, however many terms there are. Transitions are stored sparsely
/// (sorted per state) because the CJK alphabet is too large for a dense table; the root, where a
/// scan of clean text spends nearly all its time, has a dense table instead.
/// </summary>
/// <remarks>
/// Terms that begin or end with a Latin letter or digit only match at word boundaries, so
/// "classified" does not fire inside "unclassified". CJK has no word separators, so CJK terms match anywhere.
/// </remarks>
internal sealed class TermAutomaton
{
    private readonly int[] _rootNext;         // dense transitions of the root, by character; 0 = stay at root
    private readonly ulong[] _alphabet;       // bit set of characters that occur in any term
    private readonly int[] _edgeStart;        // per state: first edge; edges of state s are [_edgeStart[s], _edgeStart[s + 1])
    private readonly char[] _edgeChar;        // sorted within a state
    private readonly int[] _edgeTarget;
    private readonly int[] _fail;
    private readonly int[] _outputStart;      // per state: terms that end here, including those of its suffix states
    private readonly int[] _output;
    private readonly Term[] _terms;

    private TermAutomaton(
        int[] rootNext, ulong[] alphabet, int[] edgeStart, char[] edgeChar, int[] edgeTarget,
        int[] fail, int[] outputStart, int[] output, Term[] terms)
    {
        _rootNext = rootNext;
        _alphabet = alphabet;
        _edgeStart = edgeStart;
        _edgeChar = edgeChar;
        _edgeTarget = edgeTarget;
        _fail = fail;
        _outputStart = outputStart;
        _output = output;
        _terms = terms;
    }

    /// <param name="terms">Normalised, non-empty terms, each with the payload reported when it matches.</param>
    public static TermAutomaton Build(IReadOnlyList<(string Text, int Payload)> terms)
    {
        var children = new List<Dictionary<char, int>> { new() };
        var ends = new List<List<int>> { new() };
        var termInfo = new Term[terms.Count];
        for (int t = 0; t < terms.Count; t++)
        {
            string text = terms[t].Text;
            ArgumentException.ThrowIfNullOrEmpty(text);
            int state = 0;
            foreach (char c in text)
            {
                if (!children[state].TryGetValue(c, out int next))
                {
                    next = children.Count;
                    children[state][c] = next;
                    children.Add([]);
                    ends.Add([]);
                }

                state = next;
            }

            ends[state].Add(t);
            termInfo[t] = new Term(text.Length, terms[t].Payload, char.IsAsciiLetterOrDigit(text[0]), char.IsAsciiLetterOrDigit(text[^1]));
        }

        int stateCount = children.Count;
        int[] fail = ComputeFailureLinks(children, ends);

        var rootNext = new int[char.MaxValue + 1];
        var alphabet = new ulong[(char.MaxValue + 1) / 64];
        var edgeStart = new int[stateCount + 1];
        var edgeChar = new List<char>();
        var edgeTarget = new List<int>();
        var outputStart = new int[stateCount + 1];
        var output = new List<int>();
        for (int s = 0; s < stateCount; s++)
        {
            edgeStart[s] = edgeChar.Count;
            foreach ((char c, int target) in children[s].OrderBy(e => e.Key))
            {
                edgeChar.Add(c);
                edgeTarget.Add(target);
                alphabet[c >> 6] |= 1UL << (c & 63);
                if (s == 0)
                {
                    rootNext[c] = target;
                }
            }

            outputStart[s] = output.Count;
            output.AddRange(ends[s]);
        }

        edgeStart[stateCount] = edgeChar.Count;
        outputStart[stateCount] = output.Count;
        return new TermAutomaton(rootNext, alphabet, edgeStart, [.. edgeChar], [.. edgeTarget], fail, outputStart, [.. output], termInfo);
    }

    public Enumerator Find(ReadOnlySpan<char> text) => new(this, text);

    private int Step(int state, char c)
    {
        if ((_alphabet[c >> 6] & (1UL << (c & 63))) == 0)
        {
            return 0;
        }

        while (state != 0)
        {
            int from = _edgeStart[state];
            int index = _edgeChar.AsSpan(from, _edgeStart[state + 1] - from).BinarySearch(c);
            if (index >= 0)
            {
                return _edgeTarget[from + index];
            }

            state = _fail[state];
        }

        return _rootNext[c];
    }

    /// <summary>Breadth-first, so a state's failure target (always shallower) is final before the state is reached.</summary>
    private static int[] ComputeFailureLinks(List<Dictionary<char, int>> children, List<List<int>> ends)
    {
        var fail = new int[children.Count];
        var queue = new Queue<int>(children[0].Values);
        while (queue.Count > 0)
        {
            int state = queue.Dequeue();
            foreach ((char c, int child) in children[state])
            {
                int f = fail[state];
                while (f != 0 && !children[f].ContainsKey(c))
                {
                    f = fail[f];
                }

                fail[child] = children[f].TryGetValue(c, out int target) ? target : 0;

                // A state also reports every term that ends in its longest proper suffix state.
                ends[child].AddRange(ends[fail[child]]);
                queue.Enqueue(child);
            }
        }

        return fail;
    }

    private readonly record struct Term(int Length, int Payload, bool WordStart, bool WordEnd);

    /// <summary>Allocation-free walk over all matches, in order of their end position.</summary>
    public ref struct Enumerator
    {
        private readonly TermAutomaton _automaton;
        private readonly ReadOnlySpan<char> _text;
        private int _position;
        private int _state;
        private int _nextOutput;
        private int _outputEnd;

        internal Enumerator(TermAutomaton automaton, ReadOnlySpan<char> text)
        {
            _automaton = automaton;
            _text = text;
        }

        public TermMatch Current { get; private set; }

        public readonly Enumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            while (true)
            {
                while (_nextOutput < _outputEnd)
                {
                    Term term = _automaton._terms[_automaton._output[_nextOutput++]];
                    int start = _position - term.Length;
                    if (IsWordBoundary(term, start, _position))
                    {
                        Current = new TermMatch(term.Payload, start, term.Length);
                        return true;
                    }
                }

                if (_position >= _text.Length)
                {
                    return false;
                }

                _state = _automaton.Step(_state, _text[_position++]);
                _nextOutput = _automaton._outputStart[_state];
                _outputEnd = _automaton._outputStart[_state + 1];
            }
        }

        private readonly bool IsWordBoundary(Term term, int start, int end) =>
            (!term.WordStart || start == 0 || !char.IsAsciiLetterOrDigit(_text[start - 1]))
            && (!term.WordEnd || end == _text.Length || !char.IsAsciiLetterOrDigit(_text[end]));
    }
}
