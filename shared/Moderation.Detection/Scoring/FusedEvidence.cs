namespace Moderation.Detection.Scoring;

/// <summary>What the rule and fingerprint evidence of one post adds up to.</summary>
/// <param name="Score">Noisy-OR of the counted evidence, after counter-evidence.</param>
/// <param name="Discount">How much counter-evidence lowers the model and every non-corroborating piece of evidence, in [0, 1).</param>
/// <param name="Counted">The best weight of each rule that counted (counter-evidence left out), after the discount.</param>
/// <param name="Rules">The rules <paramref name="Counted"/> indexes: the rule set's, plus any fingerprint matches.</param>
/// <param name="DiscussedBy">The discussion rule that fired (the post talks about secrecy, so a person decides before removal); null when none did.</param>
internal readonly record struct FusedEvidence(
    double Score,
    IReadOnlyList<Finding> Findings,
    double Discount,
    IReadOnlyList<(int Rule, double Weight)> Counted,
    IReadOnlyList<Rule> Rules,
    ScanPolicy Policy,
    string? DiscussedBy = null)
{
    /// <summary>
    /// Categories that describe a post rather than evidence of secrecy, so they never make up one of the
    /// independent categories removal may rest on. Military assets are the military category's own
    /// context, not a second witness.
    /// </summary>
    private static readonly int s_notIndependent =
        RuleCategories.BitOf(RuleCategories.Sharing) | RuleCategories.BitOf(RuleCategories.SecretSubject) | RuleCategories.BitOf(RuleCategories.PublicRelease) | RuleCategories.BitOf(RuleCategories.Discussion)
        | RuleCategories.BitOf(RuleCategories.MilitaryAsset);

    public static FusedEvidence None { get; } = new(0, [], 0, [], [], ScanPolicy.Default);

    /// <summary>
    /// What justifies removing the post, in words for the verdict: a corroborating piece of evidence, or
    /// strong evidence in enough independent categories; null when nothing does. Asked only of posts
    /// that score for removal, so the words are built for those alone.
    /// </summary>
    public string? DescribeCorroboration()
    {
        foreach ((int r, double w) in Counted)
        {
            if (Policy.Corroborates(Rules[r], w))
            {
                return Describe(Rules[r], w);
            }
        }

        int categories = 0;
        var strong = new List<string>();
        foreach ((int r, double w) in Counted)
        {
            Rule rule = Rules[r];
            if (w >= Policy.StrongWeight && (rule.CategoryBit & (s_notIndependent | categories)) == 0)
            {
                categories |= rule.CategoryBit;
                strong.Add(Describe(rule, w));
            }
        }

        return strong.Count >= Policy.IndependentCategories ? string.Join(" and ", strong) : null;
    }

    private static string Describe(Rule rule, double weight) => $"{rule.Category} '{rule.Id}' ({weight:0.##})";
}
