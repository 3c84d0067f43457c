using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Moderation.Detection.Matching;

/// <summary>
/// Aho–Corasick automaton over normalised terms: one pass over the text finds every occurrence of
/// every term of every term rule, however many terms there are.
/// </summary>
/// <remarks>
/// <para>
/// Terms that begin or end with a Latin letter or digit only match at word boundaries, so
/// "classified" does not fire inside "unclassified". CJK has no word separators, so CJK terms match anywhere.
/// </para>
/// <para>
/// Layout. Characters map to dense classes, most frequent first; a character in no term is class 0.
/// Transitions live in one double array: state <c>s</c> on class <c>c</c> reads slot <c>s + c</c>,
/// which is the state's own only if the slot names <c>s</c> as its owner. Failure links are resolved
/// when the automaton is built rather than followed while scanning: every state's row says only where
/// it differs from its fallback, the node of the last character read (where its suffix chain ends),
/// whose row holds that node's trie children, and below the fallback lies the root, whose row is a
/// dense table. The fallback is known from the character alone, so a step reads the state's slot, the
/// fallback's slot and the root's entry independently and combines them with masks, not branches:
/// on Chinese text about a third of the steps continue a prefix, a branch no predictor guesses.
/// </para>
/// <para>
/// A step still waits for the one before it, so a long text is cut into four overlapping lanes read
/// side by side in one loop, and the processor overlaps their memory reads. When terms start with
/// only a few distinct characters (a rule set of a few dozen terms), the scan instead reads one lane
/// and, whenever it is back at the root, jumps to the next character a term starts with.
/// </para>
/// </remarks>
internal sealed class TermAutomaton
{
    /// <summary>Lanes a long text is cut into and scanned side by side.</summary>
    private const int LaneCount = 4;

    /// <summary>Below this many characters per lane, lanes cost more in overlap and set-up than they save.</summary>
    private const int MinimumLaneLength = 64;

    private const int NoOwner = -1;

    /// <summary>
    /// Up to this many distinct characters that terms start with, text is scanned in one lane that
    /// jumps from one of them to the next. Rule sets of a few dozen terms are like this, and ordinary
    /// text then holds long runs in which no term can start; with more, the runs are short and the
    /// lanes win.
    /// </summary>
    private const int SkipLimit = 32;

    private readonly ushort[] _classOf;      // by character; 0 = the character is in no term
    private readonly RootEntry[] _root;      // by class
    private readonly Slot[] _slots;          // the double array
    private readonly int[] _outputAt;        // by state: offset in _outputs of its list, 0 = none
    private readonly int[] _outputs;         // lists: count, then term indices
    private readonly Term[] _terms;
    private readonly int _overlap;           // longest term length − 1: how far a lane starts before its part

    // The characters terms start with, when there are few: at the root, the scan then jumps to the
    // next of them with a vectorised search instead of stepping through every character.
    private readonly SearchValues<char>? _starts;

    private TermAutomaton(ushort[] classOf, RootEntry[] root, Slot[] slots, int[] outputAt, int[] outputs, Term[] terms, int overlap, SearchValues<char>? starts)
    {
        _classOf = classOf;
        _root = root;
        _slots = slots;
        _outputAt = outputAt;
        _outputs = outputs;
        _terms = terms;
        _overlap = overlap;
        _starts = starts;
    }

    /// <summary>Whether scans jump between the characters terms start with rather than reading text in lanes.</summary>
    internal bool SkipsToTermStarts => _starts is not null;

    /// <summary>Bytes held by the automaton's tables.</summary>
    public long MemoryBytes =>
        ((long)_classOf.Length * sizeof(ushort))
        + ((long)_root.Length * Unsafe.SizeOf<RootEntry>())
        + ((long)_slots.Length * Unsafe.SizeOf<Slot>())
        + ((long)(_outputAt.Length + _outputs.Length) * sizeof(int))
        + ((long)_terms.Length * Unsafe.SizeOf<Term>());

    /// <param name="terms">Normalised, non-empty terms, each with the payload reported when it matches.</param>
    public static TermAutomaton Build(IEnumerable<(string Text, int Payload)> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return Build(terms.Select(t => (t.Text, t.Payload, true)));
    }

    /// <param name="terms">
    /// Normalised, non-empty terms, each with the payload reported when it matches and whether a
    /// Latin letter or digit at either end must sit at a word boundary (false finds it inside words too).
    /// </param>
    public static TermAutomaton Build(IEnumerable<(string Text, int Payload, bool WholeWord)> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return new Builder([.. terms]).Build();
    }

    /// <summary>Every occurrence of every term in <paramref name="text"/>, overlapping ones included.</summary>
    /// <remarks>
    /// Occurrences come in order of end position within each part of a long text, but the parts are
    /// scanned side by side, so the whole sequence is in no particular order.
    /// </remarks>
    public Enumerator Find(ReadOnlySpan<char> text) => new(this, text);

    /// <summary>
    /// The state after reading class <paramref name="c"/> in <paramref name="state"/>, negative (as its
    /// complement) when terms end there: the root's transition, replaced by the fallback's when the
    /// fallback has one, replaced in turn by the state's own when it has one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Next(ref Slot slots, nuint c, nuint state, nuint fallback, int rootNext)
    {
        nuint v = fallback + c;
        nuint o = state + c;
        return rootNext
            ^ (Unsafe.Add(ref slots, v).Delta & OwnedBy(Unsafe.Add(ref slots, v).Owner, fallback))
            ^ (Unsafe.Add(ref slots, o).Delta & OwnedBy(Unsafe.Add(ref slots, o).Owner, state));
    }

    /// <summary>All ones when <paramref name="owner"/> is <paramref name="state"/>, else zero, without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int OwnedBy(int owner, nuint state) => (int)(((long)(uint)(owner ^ (int)state) - 1) >> 63);

    /// <summary>
    /// A double-array entry: the state whose transition it is, and the target state XOR the target
    /// the state's fallback would have given, so that taking it is one masked XOR.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Slot(int Owner, int Delta);

    /// <summary>
    /// The root's transition on a class (negative when terms end there), and the state whose row
    /// every state reached on this class falls back to.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct RootEntry(int Next, int Fallback);

    private readonly record struct Term(int Length, int Payload, bool WordStart, bool WordEnd);

    [StructLayout(LayoutKind.Sequential)]
    private struct Lane
    {
        public int Position;     // next character to read
        public int End;          // where the lane stops reading
        public int ReportAfter;  // occurrences ending at or before this belong to the lane before
        public nint State;
        public nint Fallback;
    }

    [InlineArray(LaneCount)]
    private struct Lanes
    {
        private Lane _lane;
    }

    /// <summary>Allocation-free walk over all matches.</summary>
    public ref struct Enumerator
    {
        private readonly TermAutomaton _automaton;
        private readonly ReadOnlySpan<char> _text;
        private Lanes _lanes;
        private readonly int _laneCount;
        private int _lockstep;        // characters every lane still reads side by side
        private int _tailLane;        // the lane finishing alone after the side-by-side part
        private int _pendingLanes;    // bit per lane whose current state has outputs not yet reported
        private int _nextOutput;
        private int _outputEnd;
        private int _outputPosition;  // where the occurrences being reported end

        internal Enumerator(TermAutomaton automaton, ReadOnlySpan<char> text)
        {
            _automaton = automaton;
            _text = text;

            // A lane reports the occurrences that end in its part and starts reading early enough to
            // see the longest term ending just after its part begins.
            int overlap = automaton._overlap;
            int laneLength = (int)(((long)text.Length + ((LaneCount - 1) * (long)overlap) + LaneCount - 1) / LaneCount);
            if (laneLength - overlap < MinimumLaneLength || automaton._starts is not null)
            {
                _laneCount = 1;
                _lanes[0] = new Lane { End = text.Length };
                return;
            }

            _laneCount = LaneCount;
            int partStart = 0;
            for (int k = 0; k < LaneCount; k++)
            {
                int start = Math.Max(0, partStart - overlap);
                int end = k == LaneCount - 1 ? text.Length : start + laneLength;
                _lanes[k] = new Lane { Position = start, End = end, ReportAfter = partStart };
                partStart = end;
            }

            _lockstep = _lanes[LaneCount - 1].End - _lanes[LaneCount - 1].Position;
        }

        public TermMatch Current { get; private set; }

        public readonly Enumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            while (true)
            {
                while (_nextOutput < _outputEnd)
                {
                    Term term = _automaton._terms[_automaton._outputs[_nextOutput++]];
                    int start = _outputPosition - term.Length;
                    if (IsWordBoundary(term, start, _outputPosition))
                    {
                        Current = new TermMatch(term.Payload, start, term.Length);
                        return true;
                    }
                }

                if (_pendingLanes != 0)
                {
                    int lane = BitOperations.TrailingZeroCount(_pendingLanes);
                    _pendingLanes &= _pendingLanes - 1;
                    BeginOutputs(lane);
                }
                else if (!(_lockstep > 0 ? StepLanes() : StepTail()))
                {
                    return false;
                }
            }
        }

        private void BeginOutputs(int lane)
        {
            ref Lane l = ref _lanes[lane];
            _outputPosition = l.Position;
            if (l.Position <= l.ReportAfter)
            {
                return;
            }

            int list = _automaton._outputAt[l.State];
            _nextOutput = list + 1;
            _outputEnd = list + 1 + _automaton._outputs[list];
        }

        /// <summary>Reads every lane side by side until some lane reaches a state where terms end.</summary>
        private bool StepLanes()
        {
            TermAutomaton automaton = _automaton;
            ref Slot slots = ref MemoryMarshal.GetArrayDataReference(automaton._slots);
            ref RootEntry roots = ref MemoryMarshal.GetArrayDataReference(automaton._root);
            ref ushort classOf = ref MemoryMarshal.GetArrayDataReference(automaton._classOf);

            // The lanes start equally far apart, so one pointer and one stride reach all four.
            nint stride = _lanes[1].Position - _lanes[0].Position;
            ref char text = ref Unsafe.Add(ref MemoryMarshal.GetReference(_text), _lanes[0].Position);
            nuint s0 = (nuint)_lanes[0].State, f0 = (nuint)_lanes[0].Fallback;
            nuint s1 = (nuint)_lanes[1].State, f1 = (nuint)_lanes[1].Fallback;
            nuint s2 = (nuint)_lanes[2].State, f2 = (nuint)_lanes[2].Fallback;
            nuint s3 = (nuint)_lanes[3].State, f3 = (nuint)_lanes[3].Fallback;
            nint count = _lockstep;
            nint i = 0;
            while (i < count)
            {
                ref char at = ref Unsafe.Add(ref text, i);
                nuint c0 = Unsafe.Add(ref classOf, at);
                nuint c1 = Unsafe.Add(ref classOf, Unsafe.Add(ref at, stride));
                ref char at2 = ref Unsafe.Add(ref at, stride * 2);
                nuint c2 = Unsafe.Add(ref classOf, at2);
                nuint c3 = Unsafe.Add(ref classOf, Unsafe.Add(ref at2, stride));
                RootEntry r0 = Unsafe.Add(ref roots, c0);
                RootEntry r1 = Unsafe.Add(ref roots, c1);
                RootEntry r2 = Unsafe.Add(ref roots, c2);
                RootEntry r3 = Unsafe.Add(ref roots, c3);
                int n0 = Next(ref slots, c0, s0, f0, r0.Next);
                int n1 = Next(ref slots, c1, s1, f1, r1.Next);
                int n2 = Next(ref slots, c2, s2, f2, r2.Next);
                int n3 = Next(ref slots, c3, s3, f3, r3.Next);
                f0 = (uint)r0.Fallback;
                f1 = (uint)r1.Fallback;
                f2 = (uint)r2.Fallback;
                f3 = (uint)r3.Fallback;
                i++;
                if ((n0 | n1 | n2 | n3) < 0)
                {
                    _pendingLanes = (n0 >>> 31) | ((n1 >>> 31) << 1) | ((n2 >>> 31) << 2) | ((n3 >>> 31) << 3);
                    s0 = (uint)(n0 ^ (n0 >> 31));
                    s1 = (uint)(n1 ^ (n1 >> 31));
                    s2 = (uint)(n2 ^ (n2 >> 31));
                    s3 = (uint)(n3 ^ (n3 >> 31));
                    break;
                }

                s0 = (uint)n0;
                s1 = (uint)n1;
                s2 = (uint)n2;
                s3 = (uint)n3;
            }

            _lockstep -= (int)i;
            Save(0, (int)i, (nint)s0, (nint)f0);
            Save(1, (int)i, (nint)s1, (nint)f1);
            Save(2, (int)i, (nint)s2, (nint)f2);
            Save(3, (int)i, (nint)s3, (nint)f3);
            return true;
        }

        private void Save(int lane, int advanced, nint state, nint fallback)
        {
            ref Lane l = ref _lanes[lane];
            l.Position += advanced;
            l.State = state;
            l.Fallback = fallback;
        }

        /// <summary>Reads the lanes' remaining characters one lane at a time, stopping where terms end.</summary>
        private bool StepTail()
        {
            TermAutomaton automaton = _automaton;
            ref Slot slots = ref MemoryMarshal.GetArrayDataReference(automaton._slots);
            ref RootEntry roots = ref MemoryMarshal.GetArrayDataReference(automaton._root);
            ref ushort classOf = ref MemoryMarshal.GetArrayDataReference(automaton._classOf);
            ref char text = ref MemoryMarshal.GetReference(_text);
            while (_tailLane < _laneCount)
            {
                ref Lane lane = ref _lanes[_tailLane];
                nuint state = (nuint)lane.State, fallback = (nuint)lane.Fallback;
                SearchValues<char>? starts = automaton._starts;
                int end = lane.End;
                for (int i = lane.Position; i < end; i++)
                {
                    // At the root after a character no term starts with, nothing happens before the
                    // next character some term starts with. A short run is stepped over here; the
                    // vectorised search only pays for its call over a long one.
                    if (starts is not null && (state | fallback) == 0)
                    {
                        int look = Math.Min(i + 16, end);
                        while (i < look && Unsafe.Add(ref roots, (nint)Unsafe.Add(ref classOf, Unsafe.Add(ref text, i))).Fallback == 0)
                        {
                            i++;
                        }

                        if (i == look)
                        {
                            int skip = i == end ? -1 : _text[i..end].IndexOfAny(starts);
                            if (skip < 0)
                            {
                                break;
                            }

                            i += skip;
                        }
                    }

                    nuint c = Unsafe.Add(ref classOf, Unsafe.Add(ref text, i));
                    RootEntry root = Unsafe.Add(ref roots, c);
                    int next = Next(ref slots, c, state, fallback, root.Next);
                    fallback = (uint)root.Fallback;
                    if (next < 0)
                    {
                        lane.Position = i + 1;
                        lane.State = ~next;
                        lane.Fallback = (nint)fallback;
                        _pendingLanes = 1 << _tailLane;
                        return true;
                    }

                    state = (uint)next;
                }

                lane.Position = end;
                _tailLane++;
            }

            return false;
        }

        private readonly bool IsWordBoundary(Term term, int start, int end) =>
            (!term.WordStart || start == 0 || !char.IsAsciiLetterOrDigit(_text[start - 1]))
            && (!term.WordEnd || end == _text.Length || !char.IsAsciiLetterOrDigit(_text[end]));
    }

    /// <summary>Compiles a term list; see the class remarks for the layout it produces.</summary>
    private sealed class Builder((string Text, int Payload, bool WholeWord)[] terms)
    {
        /// <summary>Rows up to this long are placed into holes; longer ones where there is room.</summary>
        private const int ShortRow = 4;

        private readonly ushort[] _classOf = new ushort[char.MaxValue + 1];
        private readonly Dictionary<long, int> _edges = [];
        private readonly List<Node> _nodes = [];
        private readonly List<int> _rowClasses = [];
        private readonly List<int> _rowTargets = [];
        private int _classCount;
        private int[] _characters = [];             // by class − 1

        public TermAutomaton Build()
        {
            AssignClasses();
            var termInfo = new Term[terms.Length];
            int longest = 0;
            _nodes.Add(new Node(-1, 0, 0));
            for (int t = 0; t < terms.Length; t++)
            {
                string text = terms[t].Text;
                Insert(text, t);
                bool wholeWord = terms[t].WholeWord;
                termInfo[t] = new Term(text.Length, terms[t].Payload, wholeWord && char.IsAsciiLetterOrDigit(text[0]), wholeWord && char.IsAsciiLetterOrDigit(text[^1]));
                longest = Math.Max(longest, text.Length);
            }

            int[] order = BreadthFirst();
            (int[] outputStart, int[] outputLength, List<int> outputTerms) = ResolveRowsAndOutputs(order);
            (int[] stateBase, int[] fallbackBase, int slotCount) = Place(order, outputLength);

            int Value(int node) => node == 0 ? 0 : outputLength[node] > 0 ? ~stateBase[node] : stateBase[node];

            var root = new RootEntry[_classCount];
            foreach (int child in _nodes[0].Children ?? [])
            {
                root[_nodes[child].Class] = new RootEntry(Value(child), fallbackBase[child]);
            }

            var slots = new Slot[slotCount];
            slots.AsSpan().Fill(new Slot(NoOwner, 0));
            var outputAt = new int[slotCount];
            var outputs = new List<int> { 0 };
            for (int node = 1; node < _nodes.Count; node++)
            {
                Node n = _nodes[node];
                if (outputLength[node] > 0)
                {
                    outputAt[stateBase[node]] = outputs.Count;
                    outputs.Add(outputLength[node]);
                    outputs.AddRange(outputTerms.GetRange(outputStart[node], outputLength[node]));
                }

                // A node one character deep is a fallback: its row holds its children, taken instead of
                // the root's transition. A deeper node's row holds what differs from its fallback's.
                int owner = n.Depth == 1 ? fallbackBase[node] : stateBase[node];
                int fallback = n.Depth == 1 ? 0 : FallbackOf(node);
                for (int e = n.RowStart; e < n.RowStart + n.RowLength; e++)
                {
                    int c = _rowClasses[e];
                    int instead = fallback != 0 && TryGetRow(fallback, c, out int target) ? Value(target) : root[c].Next;
                    slots[owner + c] = new Slot(owner, Value(_rowTargets[e]) ^ instead);
                }
            }

            char[] startCharacters = [.. (_nodes[0].Children ?? []).Select(child => (char)_characters[_nodes[child].Class - 1])];
            SearchValues<char>? starts = startCharacters.Length <= SkipLimit ? SearchValues.Create(startCharacters) : null;
            return new TermAutomaton(_classOf, root, slots, outputAt, [.. outputs], termInfo, Math.Max(0, longest - 1), starts);
        }

        /// <summary>Classes by descending frequency in the terms, so the slots a scan reads most sit close together.</summary>
        private void AssignClasses()
        {
            var frequency = new int[char.MaxValue + 1];
            foreach ((string text, _, _) in terms)
            {
                ArgumentException.ThrowIfNullOrEmpty(text);
                foreach (char c in text)
                {
                    frequency[c]++;
                }
            }

            int[] characters = [.. Enumerable.Range(0, char.MaxValue + 1).Where(c => frequency[c] > 0)];
            characters.AsSpan().Sort((a, b) => frequency[a] != frequency[b] ? frequency[b].CompareTo(frequency[a]) : a.CompareTo(b));
            if (characters.Length >= ushort.MaxValue)
            {
                throw new ArgumentException("The terms use more distinct characters than a class table holds.", nameof(terms));
            }

            for (int i = 0; i < characters.Length; i++)
            {
                _classOf[characters[i]] = (ushort)(i + 1);
            }

            _characters = characters;

            _classCount = characters.Length + 1;
        }

        private void Insert(string text, int term)
        {
            int node = 0;
            foreach (char ch in text)
            {
                int c = _classOf[ch];
                long key = ((long)node << 16) | (uint)c;
                if (!_edges.TryGetValue(key, out int child))
                {
                    child = _nodes.Count;
                    _edges.Add(key, child);
                    _nodes.Add(new Node(node, c, _nodes[node].Depth + 1));
                    (_nodes[node].Children ??= []).Add(child);
                }

                node = child;
            }

            // Appended, so a term registered twice reports both payloads in registration order.
            (_nodes[node].Ends ??= []).Add(term);
        }

        private int[] BreadthFirst()
        {
            var order = new int[_nodes.Count];
            int head = 0, tail = 0;
            order[tail++] = 0;
            while (head < tail)
            {
                List<int>? children = _nodes[order[head++]].Children;
                if (children is not null)
                {
                    children.Sort((a, b) => _nodes[a].Class.CompareTo(_nodes[b].Class));
                    foreach (int child in children)
                    {
                        order[tail++] = child;
                    }
                }
            }

            return order;
        }

        /// <summary>
        /// Failure links, rows and output lists, breadth first so that everything a node's are built
        /// from (its failure node is shallower) is final before the node is reached.
        /// </summary>
        private (int[] Start, int[] Length, List<int> Terms) ResolveRowsAndOutputs(int[] order)
        {
            var fail = new int[_nodes.Count];
            var outputStart = new int[_nodes.Count];
            var outputLength = new int[_nodes.Count];
            var outputTerms = new List<int>();
            foreach (int node in order)
            {
                Node n = _nodes[node];
                if (n.Depth >= 2)
                {
                    fail[node] = Transition(fail[n.Parent], n.Class);
                }

                // The node's own terms, then those of its longest suffix that is a node.
                outputStart[node] = outputTerms.Count;
                outputTerms.AddRange(n.Ends ?? []);
                if (node != 0)
                {
                    outputTerms.AddRange(outputTerms.GetRange(outputStart[fail[node]], outputLength[fail[node]]));
                }

                outputLength[node] = outputTerms.Count - outputStart[node];

                // The row: the node's children, and (for a node two or more deep) whatever its failure
                // node's row says where the node has no child. Rows of the fallback itself (one deep)
                // and of the root are not inherited: the scan reads those beside the state's own.
                n.RowStart = _rowClasses.Count;
                int inherited = fail[node];
                int from = _nodes[inherited].Depth >= 2 && n.Depth >= 2 ? _nodes[inherited].RowStart : 0;
                int to = _nodes[inherited].Depth >= 2 && n.Depth >= 2 ? from + _nodes[inherited].RowLength : 0;
                List<int> children = n.Children ?? [];
                int i = 0;
                while (i < children.Count || from < to)
                {
                    int own = i < children.Count ? _nodes[children[i]].Class : int.MaxValue;
                    int other = from < to ? _rowClasses[from] : int.MaxValue;
                    if (own <= other)
                    {
                        _rowClasses.Add(own);
                        _rowTargets.Add(children[i++]);
                        from += own == other ? 1 : 0;
                    }
                    else
                    {
                        _rowClasses.Add(other);
                        _rowTargets.Add(_rowTargets[from++]);
                    }
                }

                n.RowLength = _rowClasses.Count - n.RowStart;
            }

            return (outputStart, outputLength, outputTerms);
        }

        /// <summary>The full transition of a node whose row is final (0 = the root).</summary>
        private int Transition(int node, int c)
        {
            while (node != 0)
            {
                if (TryGetRow(node, c, out int target))
                {
                    return target;
                }

                node = _nodes[node].Depth == 1 ? 0 : FallbackOf(node);
            }

            return _edges.GetValueOrDefault(c);
        }

        /// <summary>The node one character deep for a node's last character, or 0 when no term starts with it.</summary>
        private int FallbackOf(int node) => _edges.GetValueOrDefault(_nodes[node].Class);

        private bool TryGetRow(int node, int c, out int target)
        {
            Node n = _nodes[node];
            int index = _rowClasses.BinarySearch(n.RowStart, n.RowLength, c, null);
            target = index >= 0 ? _rowTargets[index] : 0;
            return index >= 0;
        }

        /// <summary>
        /// Gives every row a base where all its slots are free, long rows first while there is room,
        /// short ones then filling the gaps between them. Bases are unique: a slot is a state's only if
        /// its owner is that state. A node one character deep has two: as a state its row is empty, as
        /// a fallback it holds the node's children.
        /// </summary>
        private (int[] StateBase, int[] FallbackBase, int SlotCount) Place(int[] order, int[] outputLength)
        {
            var stateBase = new int[_nodes.Count];
            var fallbackBase = new int[_nodes.Count];
            var rows = new List<(int Node, bool Fallback, int Length)>();
            foreach (int node in order.AsSpan(1))
            {
                Node n = _nodes[node];
                // A state with no row of its own and no terms ending in it steps exactly as the root
                // does, so it is the root: its reads then share the root's few slots instead of
                // touching one cache line of their own.
                int length = n.Depth == 1 ? 0 : n.RowLength;
                if (length > 0 || outputLength[node] > 0)
                {
                    rows.Add((node, false, length));
                }

                if (n.Depth == 1)
                {
                    rows.Add((node, true, n.RowLength));
                }
            }

            rows.Sort((a, b) => a.Length != b.Length ? b.Length.CompareTo(a.Length) : a.Node != b.Node ? a.Node.CompareTo(b.Node) : a.Fallback.CompareTo(b.Fallback));
            var taken = new Bitmap(_rowClasses.Count + _classCount);
            var bases = new Bitmap(rows.Count + 1);
            bases.Set(0);
            var resumeAt = new Dictionary<int, int>();
            int lastShort = 0;
            int highest = 0;
            foreach ((int node, bool isFallback, int length) in rows)
            {
                ReadOnlySpan<int> classes = CollectionsMarshal.AsSpan(_rowClasses).Slice(_nodes[node].RowStart, length);

                // A long row (or one without slots) that failed below the last of its length would
                // mostly fail there again, so it resumes there. Short rows fill the holes the long
                // ones leave, looking back one class span from the last short row.
                int from = Math.Max(1, length == 0 ? bases.FirstClear : taken.FirstClear - classes[0]);
                bool isShort = length is > 0 and <= ShortRow;
                from = isShort ? Math.Max(from, lastShort - _classCount) : Math.Max(from, resumeAt.GetValueOrDefault(length));
                int b = FindBase(classes, from, taken, bases);
                if (isShort)
                {
                    lastShort = b;
                }
                else
                {
                    resumeAt[length] = b;
                }

                bases.Set(b);
                foreach (int c in classes)
                {
                    taken.Set(b + c);
                }

                (isFallback ? fallbackBase : stateBase)[node] = b;
                highest = Math.Max(highest, b);
            }

            return (stateBase, fallbackBase, highest + _classCount);
        }

        /// <summary>The lowest base from <paramref name="from"/> that no row has and where every class's slot is free, 64 candidates at a time.</summary>
        private static int FindBase(ReadOnlySpan<int> classes, int from, Bitmap taken, Bitmap bases)
        {
            for (int block = from & ~63; ; block += 64)
            {
                ulong blocked = (block < from ? (1UL << (from - block)) - 1 : 0) | bases.Window(block);
                foreach (int c in classes)
                {
                    if (blocked == ulong.MaxValue)
                    {
                        break;
                    }

                    blocked |= taken.Window(block + c);
                }

                if (blocked != ulong.MaxValue)
                {
                    return block + BitOperations.TrailingZeroCount(~blocked);
                }
            }
        }

        private sealed class Node(int parent, int c, int depth)
        {
            public int Parent { get; } = parent;

            public int Class { get; } = c;

            public int Depth { get; } = depth;

            public List<int>? Children { get; set; }

            public List<int>? Ends { get; set; }

            public int RowStart { get; set; }

            public int RowLength { get; set; }
        }
    }

    /// <summary>A growable bit set, read 64 bits from any position.</summary>
    private sealed class Bitmap(int capacity)
    {
        private ulong[] _words = new ulong[(capacity >> 6) + 2];

        /// <summary>A position below which every bit is set.</summary>
        public int FirstClear { get; private set; }

        public void Set(int index)
        {
            Grow(index);
            _words[index >> 6] |= 1UL << (index & 63);
            while (Window(FirstClear) == ulong.MaxValue)
            {
                FirstClear += 64;
            }
        }

        /// <summary>Bits [bit, bit + 64); bits beyond the end read as clear.</summary>
        public ulong Window(int bit)
        {
            int word = bit >> 6, shift = bit & 63;
            ulong low = word < _words.Length ? _words[word] >> shift : 0;
            ulong high = shift != 0 && word + 1 < _words.Length ? _words[word + 1] << (64 - shift) : 0;
            return low | high;
        }

        private void Grow(int index)
        {
            int words = (index >> 6) + 2;
            if (words > _words.Length)
            {
                Array.Resize(ref _words, Math.Max(words, _words.Length * 2));
            }
        }
    }
}
