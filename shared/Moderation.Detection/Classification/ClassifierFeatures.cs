namespace Moderation.Detection.Classification;

/// <summary>Which n-grams of the normalised post text the classifier reads; saved with every model.</summary>
/// <param name="CharNgramLength">Character n-grams of length 1 to this: Chinese has no spaces, so characters carry the signal.</param>
/// <param name="WordNgramLength">Word n-grams of length 1 to this, words being runs of non-CJK letters and digits (English, pinyin, numbers).</param>
/// <param name="FoldDigits">Every digit reads 0, so <c>机密★10年</c> and <c>机密★20年</c>, <c>61398部队</c> and <c>72523部队</c> share features.</param>
/// <param name="Presence">Each n-gram known to the model counts once, however often the post repeats it (binary features);
/// false: its count. Models written before this setting existed read counts.</param>
public sealed record ClassifierFeatures(int CharNgramLength, int WordNgramLength, bool FoldDigits, bool Presence = false)
{
    public const int MaxNgramLength = 8;

    public int CharNgramLength { get; } = CharNgramLength is >= 1 and <= MaxNgramLength
        ? CharNgramLength
        : throw new ArgumentOutOfRangeException(nameof(CharNgramLength), CharNgramLength, $"Character n-grams are 1 to {MaxNgramLength} long.");

    public int WordNgramLength { get; } = WordNgramLength is >= 0 and <= MaxNgramLength
        ? WordNgramLength
        : throw new ArgumentOutOfRangeException(nameof(WordNgramLength), WordNgramLength, $"Word n-grams are 0 (none) to {MaxNgramLength} long.");
}
