using System.Text.RegularExpressions;
using Moderation.Detection.Matching;

namespace Moderation.Detection;

/// <summary>
/// One weighted, categorised rule of a <see cref="RuleSet"/>. Rules see normalised text
/// (NFKC, lower case, invisible characters removed, noise between CJK characters collapsed),
/// but their findings point into the original text.
/// </summary>
public sealed class Rule
{
    internal Rule(
        string id,
        string category,
        RuleKind kind,
        double weight,
        string description,
        IReadOnlyList<string> terms,
        IReadOnlyList<string> normalizedTerms,
        string? pattern,
        RuleContext? context,
        string? scope = null,
        TermWriting writtenAs = TermWriting.Any)
    {
        Scope = scope;
        WrittenAs = writtenAs;
        Id = id;
        Category = category;
        CategoryBit = RuleCategories.BitOf(category);
        Kind = kind;
        Weight = weight;
        Description = description;
        Terms = terms;
        NormalizedTerms = normalizedTerms;
        Pattern = pattern;
        Branches = pattern is null ? [] : PatternBranches.Of(pattern);
        Context = context;
    }

    public string Id { get; }

    /// <summary>One of <see cref="RuleCategories.All"/>.</summary>
    public string Category { get; }

    public RuleKind Kind { get; }

    /// <summary>How much one hit of this rule counts, in (0, 1].</summary>
    public double Weight { get; }

    public string Description { get; }

    /// <summary>The literal terms as written in the rule set; empty for pattern rules.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>The regular expression as written in the rule set; null for term rules.</summary>
    public string? Pattern { get; }

    public RuleContext? Context { get; }

    /// <summary>How the post must have written a term for a hit to count (terms rules only).</summary>
    public TermWriting WrittenAs { get; }

    /// <summary>
    /// Null for a rule that applies everywhere; otherwise the division code of the department whose
    /// area the rule is for (a department's own list of terms), applied only to boards inside it.
    /// </summary>
    public string? Scope { get; }

    /// <summary>Whether the rule applies to a board lying in <paramref name="areas"/> (<see cref="ScanInput.Areas"/>).</summary>
    public bool AppliesTo(IReadOnlyCollection<string>? areas) => Scope is null || (areas is not null && areas.Contains(Scope));

    internal int CategoryBit { get; }

    /// <summary>The terms after normalisation, which is what the automaton matches.</summary>
    internal IReadOnlyList<string> NormalizedTerms { get; }

    /// <summary>What runs the pattern, one matcher a top-level branch (<see cref="PatternBranches"/>); empty for term rules.</summary>
    internal IReadOnlyList<PatternMatcher> Branches { get; }

    /// <summary>The matcher of a pattern that runs as one (no top-level branches to split); null otherwise.</summary>
    internal PatternMatcher? Matcher => Branches is [PatternMatcher only] ? only : null;

    /// <summary>The whole pattern as one regex, on the engine every pattern can run on; null for term rules. For tests and benchmarks: scans run <see cref="Branches"/>.</summary>
    internal Regex? Regex => Pattern is null ? null : _regex ??= new Regex(Pattern, RuleSetParser.PatternOptions);

    private Regex? _regex;
}
