using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Moderation.Detection.Matching;

/// <summary>
/// The engine that runs one pattern (a rule's whole pattern, or one of its top-level branches, <see cref="PatternBranches"/>), chosen by measuring both on the texts the pattern meets.
/// Both engines find the same matches; they differ in cost, and which is cheaper depends on the
/// pattern: compiled backtracking jumps straight to a rare leading literal and holds about 30 kB, the
/// non-backtracking engine reads a pattern that may start at most characters (a digit, a common
/// word) in one pass but holds megabytes of automaton.
/// </summary>
/// <remarks>
/// <para>
/// A pattern starts on compiled backtracking, and on its first <see cref="TrialTexts"/> texts both
/// engines are timed; the non-backtracking one is kept only where it is <see cref="LinearAdvantage"/>
/// times as fast, and the other dropped. Backtracking is exponential only when a repeated part holds another repetition or an
/// alternation (<c>(a+)+</c>): such patterns (<see cref="PatternLiterals.NestsRepetition"/>) go straight to
/// the non-backtracking engine. Whatever slow shape an administrator still writes is caught by
/// <see cref="BacktrackingBudget"/>: a run over it moves the pattern to linear time for good.
/// </para>
/// <para>
/// Regexes are built on first use, so patterns whose literals no text holds cost nothing.
/// </para>
/// <para>
/// Over the yardstick's posts, rules alone, after 23 readings of every post (2026-12-07 15:46 UTC,
/// load average 1.6): every pattern non-backtracking 14.0 µs a post and 108.5 MB held by the engine;
/// chosen by trial, 14.4 µs and 43.7 MB (seven of 42 patterns kept the non-backtracking engine);
/// compiled backtracking alone 32 µs and 2.5 MB. Timed on the first reading instead of the second,
/// the trial always chose backtracking.
/// </para>
/// </remarks>
internal sealed class PatternMatcher
{
    /// <summary>How long one backtracking run may take before the pattern moves to the non-backtracking engine.</summary>
    internal static readonly TimeSpan BacktrackingBudget = TimeSpan.FromMilliseconds(250);

    /// <summary>Texts on which both engines are timed before one is kept.</summary>
    internal const int TrialTexts = 96;

    /// <summary>How many times cheaper the non-backtracking engine must be to be kept.</summary>
    internal const int LinearAdvantage = 2;

    /// <summary>The first trials run code the runtime has just compiled; they are not counted.</summary>
    private const int UncountedTrials = 8;

    // Slot states: whether this pattern holds one of its engine's trial slots (TrialSlots).
    private const int NoSlot = 0;
    private const int TakingSlot = 1;
    private const int HoldsSlot = 2;
    private const int SlotReturned = 3;

    /// <summary>Counted texts a trial whose turn ran out needs to decide on what it has timed; with fewer it keeps backtracking.</summary>
    private const int MinCountedTrials = 16;

    private const RegexOptions Common = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    private readonly string _warmText;
    private Regex? _regex;          // the engine that reports matches
    private Regex? _rival;          // during the trial, the non-backtracking engine timed beside it
    private long _regexTicks;
    private long _rivalTicks;
    private int _trials;
    private int _overruns;
    private int _slot;
    private TrialSlots? _slots;     // where the slot this pattern holds goes back to

    public PatternMatcher(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Pattern = pattern;
        (Literals, Linear) = PatternLiterals.Analyse(pattern);
        Trying = !Linear;
        _warmText = string.Join(' ', Literals ?? []);
    }

    /// <summary>The pattern as written in the rule set.</summary>
    public string Pattern { get; }

    /// <summary>Strings one of which the text must hold for the pattern to match (<see cref="PatternLiterals"/>); null when none can be derived.</summary>
    public IReadOnlyList<string>? Literals { get; }

    /// <summary>Whether the pattern runs on the non-backtracking engine (its shape, the trial or a run over budget sent it there).</summary>
    public bool Linear { get; private set; }

    /// <summary>Whether the two engines are still being timed against each other.</summary>
    public bool Trying { get; private set; }

    /// <summary>The regex to report matches with now (built on first use; two threads may both build it, and either result is the same).</summary>
    public Regex Regex => Volatile.Read(ref _regex) ?? Build();

    /// <summary>
    /// During the trial: time both engines on <paramref name="text"/>, each on its second reading (the
    /// non-backtracking engine builds automaton states the first time it meets a kind of text and
    /// then runs at the speed it keeps, so a first reading would always make it lose), and after
    /// <see cref="TrialTexts"/> texts keep the cheaper.
    /// </summary>
    /// <remarks>
    /// A pattern is timed only while it holds one of <paramref name="slots"/>: each rival holds
    /// megabytes of automaton that are garbage once its trial ends, and the rivals of every pattern
    /// at once made a scanner's start the peak of its memory (see <see cref="TrialSlots"/>). Texts
    /// read while no slot is free are read by the reporting engine alone and not counted.
    /// </remarks>
    public void Compare(ReadOnlySpan<char> text, TrialSlots slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        if (Volatile.Read(ref _slot) == NoSlot)
        {
            if (Interlocked.CompareExchange(ref _slot, TakingSlot, NoSlot) != NoSlot)
            {
                return;
            }

            if (!slots.TryTake(this))
            {
                Volatile.Write(ref _slot, NoSlot);
                return;
            }

            Volatile.Write(ref _slots, slots);
            if (Interlocked.CompareExchange(ref _slot, HoldsSlot, TakingSlot) != TakingSlot)
            {
                // The trial ended meanwhile (a run over budget): the slot goes straight back.
                slots.Return(this);
                return;
            }
        }

        if (!Trying || Volatile.Read(ref _slot) != HoldsSlot)
        {
            return;
        }

        Regex regex = Regex;
        Regex rival = Volatile.Read(ref _rival) ?? BuildRival();
        rival.Count(text);
        long regexTicks = Time(regex, text);
        long rivalTicks = Time(rival, text);
        int trial = Interlocked.Increment(ref _trials);
        if (trial <= UncountedTrials)
        {
            return;
        }

        Interlocked.Add(ref _regexTicks, regexTicks);
        Interlocked.Add(ref _rivalTicks, rivalTicks);
        if (trial == TrialTexts && Interlocked.Exchange(ref _slot, SlotReturned) == HoldsSlot)
        {
            Decide(rival);
            slots.Return(this);
        }
    }

    /// <summary>
    /// The pattern's turn with its slot ran out before its trial ended (its texts are rare, see
    /// <see cref="TrialSlots.TurnScans"/>): it decides on the texts it has timed, and with too few to
    /// tell keeps backtracking, which costs little on a pattern that rarely runs.
    /// </summary>
    internal void EndTurn()
    {
        if (Interlocked.Exchange(ref _slot, SlotReturned) == HoldsSlot)
        {
            Decide(Volatile.Read(ref _trials) - UncountedTrials >= MinCountedTrials ? Volatile.Read(ref _rival) : null);
        }
    }

    private void Decide(Regex? rival)
    {
        // The non-backtracking engine holds megabytes where backtracking holds kilobytes: it must
        // be clearly the cheaper to be kept.
        if (rival is not null && Interlocked.Read(ref _rivalTicks) * LinearAdvantage < Interlocked.Read(ref _regexTicks))
        {
            Linear = true;
            Volatile.Write(ref _regex, rival);
        }

        Trying = false;
        Volatile.Write(ref _rival, null);
    }

    private static long Time(Regex regex, ReadOnlySpan<char> text)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            regex.Count(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // Over budget here too: the reporting run will have seen it and moved the pattern.
        }

        return Stopwatch.GetTimestamp() - start;
    }

    /// <summary>
    /// A backtracking run went over budget. The first time, the run may have paid for compiling the
    /// part of the regex no earlier text reached (the runtime compiles each part on its first call, and
    /// the budget counts from the start of the run), so the caller reads the text again on the same
    /// regex; the second time the pattern moves to linear time for good.
    /// </summary>
    public void OverBudget()
    {
        if (Interlocked.Increment(ref _overruns) == 1)
        {
            return;
        }

        Trying = false;
        Linear = true;
        Volatile.Write(ref _regex, new Regex(Pattern, RegexOptions.NonBacktracking | Common));
        Volatile.Write(ref _rival, null);
        if (Interlocked.Exchange(ref _slot, SlotReturned) == HoldsSlot)
        {
            Volatile.Read(ref _slots)?.Return(this);
        }
    }

    public override string ToString() => Pattern;

    private Regex Build()
    {
        if (Linear)
        {
            var linear = new Regex(Pattern, RegexOptions.NonBacktracking | Common);
            return Interlocked.CompareExchange(ref _regex, linear, null) ?? linear;
        }

        var regex = new Regex(Pattern, RegexOptions.Compiled | Common, BacktrackingBudget);
        try
        {
            // Compile the search and the match now, on the pattern's own literals, rather than in the
            // first post's run, where the time would count against the budget.
            regex.IsMatch(_warmText);
        }
        catch (RegexMatchTimeoutException)
        {
            // Slow compilation on a busy machine; the code is compiled all the same.
        }

        return Interlocked.CompareExchange(ref _regex, regex, null) ?? regex;
    }

    private Regex BuildRival()
    {
        var rival = new Regex(Pattern, RegexOptions.NonBacktracking | Common);
        return Interlocked.CompareExchange(ref _rival, rival, null) ?? rival;
    }
}

/// <summary>
/// How many of an engine's patterns may be under trial at once (<see cref="PatternMatcher.Compare"/>).
/// Over the yardstick's posts, rules alone (<c>dotnet run -c Release --project tests/Moderation.Benchmarks
/// -- retained-memory</c>, 2026-12-07 18:30 UTC), the process's resident memory after 200 posts and
/// after all 1,318 was 213 and 222 MB with every pattern under trial at once, 112 and 136 MB with
/// four slots (104 and 116 MB once the slots took turns, 19:47 UTC), 107 and 108 MB with no trial at all. The rivals' automata are garbage once a trial
/// ends, but the runtime keeps the memory they took; four at a time keep that small.
/// </summary>
internal sealed class TrialSlots
{
    /// <summary>Slots an engine gives its patterns' trials.</summary>
    public const int PerEngine = 4;

    /// <summary>
    /// Scans of the engine after which a pattern still in its trial gives its slot to a waiting one:
    /// a pattern whose literals few posts hold would otherwise keep the slot for thousands of posts
    /// while frequent patterns wait on backtracking.
    /// </summary>
    public const int TurnScans = 1_000;

    private readonly PatternMatcher?[] _holders;
    private readonly long[] _takenAt;
    private long _scans;
    private long _nextTurn;     // scans before which no slot can be had (0 while one is free)

    public TrialSlots(int slots)
    {
        _holders = new PatternMatcher?[slots];
        _takenAt = new long[slots];
    }

    /// <summary>Counts one scan of the engine, the clock of the turns.</summary>
    public void Scanned() => Interlocked.Increment(ref _scans);

    /// <summary>A slot for <paramref name="matcher"/>: a free one, or the one whose holder's turn has run out (its trial ends).</summary>
    public bool TryTake(PatternMatcher matcher)
    {
        long scans = Volatile.Read(ref _scans);
        if (scans < Volatile.Read(ref _nextTurn))
        {
            return false;
        }

        PatternMatcher? turnOver = null;
        lock (_holders)
        {
            int slot = Array.IndexOf(_holders, null);
            if (slot < 0)
            {
                slot = Array.IndexOf(_takenAt, _takenAt.Min());
                if (scans - _takenAt[slot] < TurnScans)
                {
                    Volatile.Write(ref _nextTurn, _takenAt[slot] + TurnScans);
                    return false;
                }

                turnOver = _holders[slot];
            }

            _holders[slot] = matcher;
            _takenAt[slot] = scans;
            Volatile.Write(ref _nextTurn, Array.IndexOf(_holders, null) >= 0 ? 0 : _takenAt.Min() + TurnScans);
        }

        turnOver?.EndTurn();
        return true;
    }

    public void Return(PatternMatcher matcher)
    {
        lock (_holders)
        {
            int slot = Array.IndexOf(_holders, matcher);
            if (slot >= 0)
            {
                _holders[slot] = null;
                Volatile.Write(ref _nextTurn, 0);
            }
        }
    }
}
