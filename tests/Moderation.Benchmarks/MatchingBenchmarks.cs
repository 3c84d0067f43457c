using System.Buffers;
using BenchmarkDotNet.Attributes;
using Moderation.Detection.Matching;

namespace Moderation.Benchmarks;

/// <summary>
/// Find-all term matching over <see cref="MatchingCorpus.Text"/>: every occurrence of every term,
/// overlapping ones included, with 5,000 and 20,000 terms. The automaton against a loop of
/// <see cref="string.IndexOf(string, StringComparison)"/> per term and against
/// <see cref="SearchValues{T}"/> of strings; all three find the same occurrences (checked in setup).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class MatchingBenchmarks
{
    private readonly string _text = MatchingCorpus.Text;
    private readonly string _shortText = MatchingCorpus.ShortText;
    private string[] _terms = [];
    private TermAutomaton _automaton = null!;
    private SearchValues<string> _searchValues = null!;
    private HashSet<string> _termSet = [];
    private int _shortest;
    private int _longest;

    [Params(5_000, 20_000)]
    public int Terms { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _terms = [.. (Terms == 5_000 ? MatchingCorpus.Terms5000 : MatchingCorpus.Terms20000)];
        _automaton = TermAutomaton.Build(_terms.Select((t, i) => (t, i)));
        _searchValues = SearchValues.Create(_terms, StringComparison.Ordinal);
        _termSet = new HashSet<string>(_terms, StringComparer.Ordinal);
        _shortest = _terms.Min(t => t.Length);
        _longest = _terms.Max(t => t.Length);

        int automaton = Count(_automaton, _shortText), naive = NaiveIndexOf(), searchValues = CountWithSearchValues(_shortText);
        if (automaton != naive || automaton != searchValues)
        {
            throw new InvalidOperationException($"The matchers disagree: automaton {automaton}, IndexOf {naive}, SearchValues {searchValues}.");
        }

        Console.WriteLine(
            $"// {Terms} terms: automaton {_automaton.MemoryBytes / (1024.0 * 1024):F2} MiB; " +
            $"{MatchingCorpus.HitsPerThousandCharacters(_terms, _shortText):F1} occurrences per 1,000 characters");
    }

    [Benchmark]
    [ScannedCharacters(MatchingCorpus.TextLength)]
    public int Automaton() => Count(_automaton, _text);

    [Benchmark]
    [ScannedCharacters(MatchingCorpus.TextLength)]
    public int SearchValuesIndexOfAny() => CountWithSearchValues(_text);

    /// <summary>One <see cref="string.IndexOf(string, StringComparison)"/> loop per term, over the short text only: it is that slow.</summary>
    [Benchmark]
    [ScannedCharacters(MatchingCorpus.ShortTextLength)]
    public int NaiveIndexOf()
    {
        int found = 0;
        foreach (string term in _terms)
        {
            for (int i = _shortText.IndexOf(term, StringComparison.Ordinal); i >= 0; i = _shortText.IndexOf(term, i + 1, StringComparison.Ordinal))
            {
                found++;
            }
        }

        return found;
    }

    /// <summary>Building the automaton, as a scanner does when a rule set is activated.</summary>
    [Benchmark]
    public long Build() => TermAutomaton.Build(_terms.Select((t, i) => (t, i))).MemoryBytes;

    private static int Count(TermAutomaton automaton, string text)
    {
        int found = 0;
        foreach (TermMatch match in automaton.Find(text))
        {
            found++;
        }

        return found;
    }

    /// <summary>
    /// <see cref="MemoryExtensions.IndexOfAny(ReadOnlySpan{char}, SearchValues{string})"/> gives the
    /// next position where some term starts but not which, so every length is then looked up there.
    /// </summary>
    private int CountWithSearchValues(string text)
    {
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>> terms = _termSet.GetAlternateLookup<ReadOnlySpan<char>>();
        int found = 0;
        int position = 0;
        while (true)
        {
            int offset = text.AsSpan(position).IndexOfAny(_searchValues);
            if (offset < 0)
            {
                return found;
            }

            position += offset;
            for (int length = _shortest; length <= _longest && position + length <= text.Length; length++)
            {
                if (terms.Contains(text.AsSpan(position, length)))
                {
                    found++;
                }
            }

            position++;
        }
    }
}
