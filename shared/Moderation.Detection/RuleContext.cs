namespace Moderation.Detection;

/// <summary>
/// Context that changes how much a rule's hit counts. When a hit of another rule in one of
/// <see cref="Categories"/> lies within <see cref="Window"/> characters in the same field, or anywhere in
/// the other field of the post, the hit carries <see cref="Weight"/> instead of the rule's own weight.
/// A document number alone is weak; next to a secrecy marking it is strong.
/// </summary>
public sealed class RuleContext
{
    internal RuleContext(IReadOnlyList<string> categories, int window, double weight)
    {
        Categories = categories;
        Window = window;
        Weight = weight;
        foreach (string category in categories)
        {
            CategoryMask |= RuleCategories.BitOf(category);
        }
    }

    public IReadOnlyList<string> Categories { get; }

    /// <summary>Maximum gap, in UTF-16 characters of the original text, between this hit and the context hit.</summary>
    public int Window { get; }

    public double Weight { get; }

    internal int CategoryMask { get; }
}
