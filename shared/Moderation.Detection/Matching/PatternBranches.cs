namespace Moderation.Detection.Matching;

/// <summary>
/// A pattern's top-level alternatives, each run as a pattern of its own. A wide alternation such as
/// "code or logs shown" (a stack trace, a log line, a config key, a declaration, …) has a literal
/// in every branch, but the prefilter needs only one of them to run the whole pattern, and a
/// backtracking run tries every branch at almost every position because some branch may start at
/// any letter. Split, each branch runs only when its own literals are in the text, most branches
/// are a vectorised search for their leading literal, and each picks its own engine
/// (<see cref="PatternMatcher"/>). Branches from which no literal can be derived stay together as
/// one pattern: they run on every text either way, and one pass is cheaper than several.
/// </summary>
/// <remarks>
/// The union of the branches' matches is the alternation's, except where two branches match
/// overlapping text: the alternation reports the one its order prefers, the engine the earlier and
/// longer (<see cref="DetectionEngine"/> drops the overlapped hit), which scoring cannot tell apart
/// (overlapping hits of one rule count once).
/// </remarks>
internal static class PatternBranches
{
    /// <summary>
    /// The matchers that together run <paramref name="pattern"/>: one per top-level branch that has
    /// literals, and one for the others together; a pattern that is not a top-level alternation, or
    /// whose top level sets options inline (<c>(?i)</c>, which would reach across the branches), is
    /// one matcher.
    /// </summary>
    public static IReadOnlyList<PatternMatcher> Of(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        IReadOnlyList<string> branches = Split(pattern);
        if (branches.Count == 1)
        {
            return [new PatternMatcher(pattern)];
        }

        var matchers = new List<PatternMatcher>(branches.Count);
        var unfiltered = new List<string>();
        foreach (string branch in branches)
        {
            var matcher = new PatternMatcher(branch);     // reads the branch's literals; builds no regex yet
            if (matcher.Literals is null)
            {
                unfiltered.Add(branch);
            }
            else
            {
                matchers.Add(matcher);
            }
        }

        if (unfiltered.Count > 0)
        {
            matchers.Add(new PatternMatcher(string.Join('|', unfiltered)));
        }

        return matchers;
    }

    /// <summary>The top-level branches of <paramref name="pattern"/>, or the pattern alone when it has none to split.</summary>
    internal static IReadOnlyList<string> Split(string pattern)
    {
        var branches = new List<string>();
        int depth = 0;
        int start = 0;
        bool inClass = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\')
            {
                i++;            // the escaped character is a literal, whatever it is
                continue;
            }

            if (inClass)
            {
                inClass = c != ']' || IsClassOpening(pattern, i);
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    break;
                case '(':
                    if (depth == 0 && SetsOptionsInline(pattern, i))
                    {
                        return [pattern];
                    }

                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case '|' when depth == 0:
                    branches.Add(pattern[start..i]);
                    start = i + 1;
                    break;
            }
        }

        if (branches.Count == 0 || depth != 0)
        {
            return [pattern];
        }

        branches.Add(pattern[start..]);

        // An empty branch matches the empty string; as a pattern of its own it would fire everywhere.
        return branches.Exists(b => b.Length == 0) ? [pattern] : branches;
    }

    /// <summary>Whether the ']' at <paramref name="i"/> is the class's first character (<c>[]a]</c>, <c>[^]a]</c>), a literal.</summary>
    private static bool IsClassOpening(string pattern, int i) =>
        pattern[i - 1] == '[' && (i < 2 || pattern[i - 2] != '\\')
        || (pattern[i - 1] == '^' && i >= 2 && pattern[i - 2] == '[' && (i < 3 || pattern[i - 3] != '\\'));

    /// <summary>Whether the group at <paramref name="i"/> is <c>(?imnsx-imnsx)</c>, which changes options for the rest of the pattern.</summary>
    private static bool SetsOptionsInline(string pattern, int i)
    {
        if (i + 2 >= pattern.Length || pattern[i + 1] != '?')
        {
            return false;
        }

        int j = i + 2;
        while (j < pattern.Length && "imnsx-".Contains(pattern[j], StringComparison.Ordinal))
        {
            j++;
        }

        return j > i + 2 && j < pattern.Length && pattern[j] == ')';
    }
}
