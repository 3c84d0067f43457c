using System.Globalization;
using System.Text;

namespace Moderation.Detection.Matching;

/// <summary>
/// The literals a pattern cannot match without: a set of strings such that every match of the
/// pattern contains at least one of them. The engine looks for these with the term automaton it
/// already runs over every post and runs a pattern only when one of its literals is there, so most
/// posts never reach most patterns (a non-backtracking regex costs a pass over the text and an
/// automaton cache of its own, however rarely it matches).
/// </summary>
/// <remarks>
/// <para>
/// The analysis reads the pattern's syntax rather than trusting a list an administrator writes: a
/// node either matches one of a small, finite set of strings exactly (<c>(绝密|机密)级</c>), or every
/// match of it contains one of a set of strings, or nothing is known (<c>\d+</c>, <c>.</c>, a
/// large class). A sequence keeps the most selective set among its parts, an alternation needs a
/// set from every branch and unites them, an optional or starred part tells nothing.
/// </para>
/// <para>
/// Patterns run case-insensitively over normalised text, which is lower case, so literals are
/// lower-cased. Whatever the analysis does not understand (look-arounds, back-references, the
/// <c>x</c> option, a construct it does not parse) yields no literals, and the pattern then runs on
/// every post: the prefilter may only ever skip a pattern that cannot match.
/// </para>
/// </remarks>
internal static class PatternLiterals
{
    /// <summary>Most strings an exact set may hold before it is given up for a weaker requirement.</summary>
    private const int MaxExactStrings = 48;

    /// <summary>Most characters a class may hold to count as a set of one-character strings.</summary>
    private const int MaxClassCharacters = 12;

    /// <summary>
    /// The strings one of which every match of <paramref name="pattern"/> contains, or null when the
    /// pattern may match without any particular literal (then it must run on every text).
    /// </summary>
    public static IReadOnlyList<string>? Required(string pattern) => Analyse(pattern).Literals;

    /// <summary>
    /// Whether a backtracking engine may take exponential time on <paramref name="pattern"/>: a part
    /// that repeats (<c>+</c>, <c>*</c>, <c>{n,m}</c> with m &gt; 1) holds another repetition or an
    /// alternation, as in <c>(a+)+</c> or <c>(a|aa)+</c>; also true for anything the analysis does not parse.
    /// </summary>
    public static bool NestsRepetition(string pattern) => Analyse(pattern).NestsRepetition;

    /// <summary>Both answers from one reading of the pattern (<see cref="Required"/>, <see cref="NestsRepetition"/>).</summary>
    public static (IReadOnlyList<string>? Literals, bool NestsRepetition) Analyse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            var parser = new Parser(pattern);
            Info info = parser.ParseAll();
            return (info.Requirement() is { } set ? [.. set.Order(StringComparer.Ordinal)] : null, parser.Nested);
        }
        catch (UnsupportedSyntax)
        {
            return (null, true);
        }
    }

    /// <summary>What is known of the strings a node matches.</summary>
    /// <param name="Exact">Every string the node can match, when that is a small finite set (may hold "").</param>
    /// <param name="Contains">Otherwise, strings one of which every match contains; null when nothing is known.</param>
    private sealed record Info(HashSet<string>? Exact, HashSet<string>? Contains)
    {
        /// <summary>Whether the node holds a repetition or an alternation (for <see cref="NestsRepetition"/>).</summary>
        public bool Varies { get; init; }

        public static readonly Info Unknown = new(null, null);

        public static Info Empty => new([""], null);

        public static Info Of(IEnumerable<string> strings) => new(new HashSet<string>(strings, StringComparer.Ordinal), null);

        /// <summary>Strings one of which every match contains; an exact set holding "" requires nothing.</summary>
        public HashSet<string>? Requirement() =>
            Exact is not null ? RequirementOf(Exact) : Contains;
    }

    /// <summary>How much a set narrows the texts a pattern runs on: its weakest string decides.</summary>
    private static int Selectivity(HashSet<string>? set) =>
        set is null || set.Count == 0 ? 0 : set.Min(Weight) * 64 - Math.Min(set.Count, 63);

    /// <summary>
    /// How rarely a literal turns up in posts: a CJK character is rarer than any one Latin letter or
    /// digit, and the punctuation of prose (full-width marks normalise to these: <c>.,:;()!?</c>, a
    /// space, a hyphen or slash) is commoner than either, while the signs of code and markup
    /// (<c>_ = { $ # `</c>) are rare. <c>[a-z]+_[a-z0-9_]+</c> after a colon should run on texts that
    /// hold an underscore, not on every text with a colon.
    /// </summary>
    private static int Weight(string literal)
    {
        int weight = 0;
        foreach (char c in literal)
        {
            weight += c >= '\u2E80' ? 6 : char.IsAsciiLetterOrDigit(c) ? 2 : ProsePunctuation.Contains(c) ? 1 : 3;
        }

        return weight;
    }

    private const string ProsePunctuation = ".,:;()!?\"' -/\n\t";

    private static HashSet<string>? Best(HashSet<string>? a, HashSet<string>? b) =>
        Selectivity(b) > Selectivity(a) ? b : a;

    private static Info Sequence(List<Info> parts)
    {
        // Adjacent exact parts multiply into longer exact strings while the product stays small;
        // every other part contributes what it requires, and the sequence keeps the best of them.
        HashSet<string>? best = null;
        HashSet<string> run = [""];
        bool allExact = true;
        foreach (Info part in parts)
        {
            if (part.Exact is not null && (long)run.Count * part.Exact.Count <= MaxExactStrings)
            {
                run = [.. run.SelectMany(prefix => part.Exact.Select(suffix => prefix + suffix))];
                continue;
            }

            if (part.Exact is not null)
            {
                // The run grew too large: keep what it requires and start a new run with this part.
                best = Best(best, RequirementOf(run));
                run = new HashSet<string>(part.Exact, StringComparer.Ordinal);
                allExact = false;
                continue;
            }

            allExact = false;
            best = Best(best, RequirementOf(run));
            run = [""];
            best = Best(best, part.Contains);
        }

        if (allExact)
        {
            return new Info(run, null);
        }

        best = Best(best, RequirementOf(run));
        return new Info(null, best);
    }

    private static HashSet<string>? RequirementOf(HashSet<string> exact) =>
        exact.Contains("") ? null : Minimal(exact);

    private static Info Alternation(List<Info> branches)
    {
        if (branches.All(b => b.Exact is not null))
        {
            var union = new HashSet<string>(branches.SelectMany(b => b.Exact!), StringComparer.Ordinal);
            if (union.Count <= MaxExactStrings)
            {
                return new Info(union, null);
            }
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (Info branch in branches)
        {
            if (branch.Requirement() is not { } set)
            {
                return Info.Unknown;
            }

            required.UnionWith(set);
        }

        return new Info(null, Minimal(required));
    }

    /// <summary>A string that contains another of the set is implied by it: keep the shorter only.</summary>
    private static HashSet<string> Minimal(HashSet<string> set) =>
        new(set.Where(s => !set.Any(other => other.Length < s.Length && s.Contains(other, StringComparison.Ordinal))), StringComparer.Ordinal);

    private static Info Repeat(Info atom, int min, int max)
    {
        if (min == 0)
        {
            return atom.Exact is not null && max == 1 ? new Info([.. atom.Exact, ""], null) : Info.Unknown;
        }

        if (atom.Exact is not null && Math.Pow(atom.Exact.Count, min) <= MaxExactStrings)
        {
            // x{n,m} is x{n} followed by more x: every match holds a string of x{n}.
            HashSet<string> power = [""];
            for (int i = 0; i < min; i++)
            {
                power = [.. power.SelectMany(prefix => atom.Exact.Select(suffix => prefix + suffix))];
            }

            return min == max ? new Info(power, null) : new Info(null, RequirementOf(power));
        }

        return new Info(null, atom.Requirement());
    }

    /// <summary>A construct the analysis does not model; the pattern then has no literals.</summary>
    private sealed class UnsupportedSyntax : Exception
    {
    }

    /// <summary>A recursive-descent reader of the regular-expression syntax rule sets use.</summary>
    private sealed class Parser(string pattern)
    {
        private int _at;

        /// <summary>Whether a repeated part holds a repetition or an alternation.</summary>
        public bool Nested { get; private set; }

        public Info ParseAll()
        {
            Info info = ParseAlternation();
            if (_at != pattern.Length)
            {
                throw new UnsupportedSyntax();
            }

            return info;
        }

        private bool More => _at < pattern.Length;

        private char Peek => pattern[_at];

        private Info ParseAlternation()
        {
            var branches = new List<Info> { ParseSequence() };
            while (More && Peek == '|')
            {
                _at++;
                branches.Add(ParseSequence());
            }

            return branches.Count == 1 ? branches[0] : Alternation(branches) with { Varies = true };
        }

        private Info ParseSequence()
        {
            var parts = new List<Info>();
            while (More && Peek is not '|' and not ')')
            {
                Info atom = ParseAtom();
                parts.Add(ParseQuantifier(atom));
            }

            return parts.Count == 0 ? Info.Empty : Sequence(parts) with { Varies = parts.Any(p => p.Varies) };
        }

        private Info ParseQuantifier(Info atom)
        {
            while (More)
            {
                int min;
                int max;
                switch (Peek)
                {
                    case '*':
                        (min, max) = (0, int.MaxValue);
                        _at++;
                        break;
                    case '+':
                        (min, max) = (1, int.MaxValue);
                        _at++;
                        break;
                    case '?':
                        (min, max) = (0, 1);
                        _at++;
                        break;
                    case '{' when TryBraces(out min, out max):
                        break;
                    default:
                        return atom;
                }

                if (More && Peek == '?')
                {
                    _at++; // lazy: the same strings
                }

                Nested |= max > 1 && atom.Varies;
                bool varies = atom.Varies || max > 1;
                atom = Repeat(atom, min, max) with { Varies = varies };
            }

            return atom;
        }

        /// <summary>{n}, {n,} or {n,m}; a brace that is not a quantifier is a literal brace.</summary>
        private bool TryBraces(out int min, out int max)
        {
            min = max = 0;
            int close = pattern.IndexOf('}', _at);
            if (close < 0)
            {
                return false;
            }

            string[] bounds = pattern[(_at + 1)..close].Split(',');
            if (bounds.Length is < 1 or > 2
                || !int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out min))
            {
                return false;
            }

            if (bounds.Length == 1)
            {
                max = min;
            }
            else if (bounds[1].Length == 0)
            {
                max = int.MaxValue;
            }
            else if (!int.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out max))
            {
                return false;
            }

            _at = close + 1;
            return true;
        }

        private Info ParseAtom()
        {
            char c = pattern[_at++];
            switch (c)
            {
                case '(':
                    return ParseGroup();
                case '[':
                    return ParseClass();
                case '.':
                    return Info.Unknown;
                case '^' or '$':
                    return Info.Empty;
                case '\\':
                    return ParseEscape();
                case '*' or '+' or '?':
                    throw new UnsupportedSyntax();
                default:
                    return Literal(c);
            }
        }

        private Info ParseGroup()
        {
            if (More && Peek == '?')
            {
                _at++;
                if (!More)
                {
                    throw new UnsupportedSyntax();
                }

                if (Peek == ':')
                {
                    _at++;
                }
                else if (Peek == '<' && _at + 1 < pattern.Length && pattern[_at + 1] is not '=' and not '!')
                {
                    int close = pattern.IndexOf('>', _at);
                    _at = close < 0 ? throw new UnsupportedSyntax() : close + 1;
                }
                else
                {
                    // Inline options: (?m) alone, or (?m:...) around a group. Look-arounds, conditionals,
                    // atomic groups and the x option are not modelled.
                    int start = _at;
                    while (More && (char.IsAsciiLetter(Peek) || Peek == '-'))
                    {
                        _at++;
                    }

                    string options = pattern[start.._at];
                    if (options.Length == 0 || options.Contains('x') || !More)
                    {
                        throw new UnsupportedSyntax();
                    }

                    if (Peek == ')')
                    {
                        _at++;
                        return Info.Empty;
                    }

                    if (Peek != ':')
                    {
                        throw new UnsupportedSyntax();
                    }

                    _at++;
                }
            }

            Info inner = ParseAlternation();
            if (!More || Peek != ')')
            {
                throw new UnsupportedSyntax();
            }

            _at++;
            return inner;
        }

        private Info ParseEscape()
        {
            if (!More)
            {
                throw new UnsupportedSyntax();
            }

            char c = pattern[_at++];
            switch (c)
            {
                case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                    return Info.Empty;
                case 'd' or 'D' or 'w' or 'W' or 's' or 'S':
                    return Info.Unknown;
                case 'p' or 'P':
                    SkipBraces();
                    return Info.Unknown;
                default:
                    return EscapedCharacter(c) is { } literal ? Literal(literal) : throw new UnsupportedSyntax();
            }
        }

        private void SkipBraces()
        {
            int close = More && Peek == '{' ? pattern.IndexOf('}', _at) : -1;
            _at = close < 0 ? throw new UnsupportedSyntax() : close + 1;
        }

        /// <summary>The character an escape outside a class stands for, or null for one not modelled (back-references, \k, \c…).</summary>
        private char? EscapedCharacter(char c)
        {
            switch (c)
            {
                case 'n':
                    return '\n';
                case 't':
                    return '\t';
                case 'r':
                    return '\r';
                case 'f':
                    return '\f';
                case 'v':
                    return '\v';
                case 'e':
                    return '\u001B';
                case 'a':
                    return '\a';
                case 'u' when _at + 4 <= pattern.Length
                    && ushort.TryParse(pattern.AsSpan(_at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort u):
                    _at += 4;
                    return (char)u;
                case 'x' when _at + 2 <= pattern.Length
                    && byte.TryParse(pattern.AsSpan(_at, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte x):
                    _at += 2;
                    return (char)x;
                default:
                    return char.IsAsciiLetterOrDigit(c) ? null : c;
            }
        }

        /// <summary>A class of a few plain characters is a set of one-character strings; any other tells nothing.</summary>
        private Info ParseClass()
        {
            bool negated = More && Peek == '^';
            if (negated)
            {
                _at++;
            }

            var members = new HashSet<char>();
            bool enumerable = !negated;
            bool first = true;
            while (true)
            {
                if (!More)
                {
                    throw new UnsupportedSyntax();
                }

                char c = pattern[_at++];
                if (c == ']' && !first)
                {
                    break;
                }

                first = false;
                if (c == '[' && More && Peek == ':')
                {
                    throw new UnsupportedSyntax();
                }

                char? single = c;
                if (c == '\\')
                {
                    if (!More)
                    {
                        throw new UnsupportedSyntax();
                    }

                    char e = pattern[_at++];
                    if (e is 'd' or 'D' or 'w' or 'W' or 's' or 'S')
                    {
                        enumerable = false;
                        continue;
                    }

                    if (e is 'p' or 'P')
                    {
                        SkipBraces();
                        enumerable = false;
                        continue;
                    }

                    single = e == 'b' ? '\b' : EscapedCharacter(e) ?? throw new UnsupportedSyntax();
                }

                // A range a-z (a '-' first, last or after a range is itself).
                if (More && Peek == '-' && _at + 1 < pattern.Length && pattern[_at + 1] != ']')
                {
                    _at++;
                    char high = pattern[_at++];
                    if (high == '\\')
                    {
                        char e = More ? pattern[_at++] : throw new UnsupportedSyntax();
                        high = EscapedCharacter(e) ?? throw new UnsupportedSyntax();
                    }
                    else if (high == '[')
                    {
                        throw new UnsupportedSyntax(); // class subtraction
                    }

                    if (high < single!.Value)
                    {
                        throw new UnsupportedSyntax();
                    }

                    if (high - single.Value + 1 > MaxClassCharacters)
                    {
                        enumerable = false;
                        continue;
                    }

                    for (char r = single.Value; r <= high; r++)
                    {
                        members.Add(r);
                    }

                    continue;
                }

                members.Add(single!.Value);
            }

            if (!enumerable || members.Count > MaxClassCharacters)
            {
                return Info.Unknown;
            }

            return Info.Of(members.Select(m => Lower(m).ToString()).Distinct(StringComparer.Ordinal));
        }

        private static Info Literal(char c) => Info.Of([Lower(c).ToString()]);

        private static char Lower(char c) => char.ToLowerInvariant(c);
    }
}
