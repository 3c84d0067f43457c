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
        PatternMatcher? matcher,
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
        Matcher = matcher;
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
    public string? Pattern => Matcher?.Pattern;

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

    /// <summary>What runs the pattern; null for term rules.</summary>
    internal PatternMatcher? Matcher { get; }

    /// <summary>The regex the pattern runs on now; null for term rules.</summary>
    internal Regex? Regex => Matcher?.Regex;
}
