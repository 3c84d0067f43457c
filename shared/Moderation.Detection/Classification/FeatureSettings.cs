using System.Text.Json.Serialization;

namespace Moderation.Detection.Classification;

/// <summary>How post text becomes features and how the classifier is trained; saved with every model.</summary>
/// <param name="CharNgramLength">Character n-grams of length 1 to this over the normalised text: Chinese has no spaces, so characters carry the signal.</param>
/// <param name="WordNgramLength">Word n-grams of length 1 to this (words split on spaces and punctuation), for English.</param>
/// <param name="FoldDigits">Every digit reads 0, so <c>机密★10年</c> and <c>机密★20年</c>, <c>61398部队</c> and <c>72523部队</c> share features.</param>
/// <param name="L2Regularization">The logistic regression's L2 weight; larger generalises more and memorises less.</param>
/// <param name="MaximumIterations">L-BFGS iterations at most (it stops earlier when converged).</param>
/// <param name="Seed">Seeds ML.NET's context; with one training thread the same data gives the same model.</param>
/// <param name="Presence">Binary features: an n-gram counts once however often a post repeats it (see <see cref="ClassifierFeatures.Presence"/>).</param>
public sealed record FeatureSettings(
    [property: JsonPropertyName("charNgramLength")] int CharNgramLength,
    [property: JsonPropertyName("wordNgramLength")] int WordNgramLength,
    [property: JsonPropertyName("foldDigits")] bool FoldDigits,
    [property: JsonPropertyName("l2Regularization")] float L2Regularization,
    [property: JsonPropertyName("maximumIterations")] int MaximumIterations,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("presence")] bool Presence = false)
{
    /// <summary>The recipe of the shipped default model.</summary>
    public static FeatureSettings Default { get; } = new(CharNgramLength: 2, WordNgramLength: 2, FoldDigits: true, L2Regularization: 1e-4f, MaximumIterations: 100, Seed: 1, Presence: true);

    /// <summary>
    /// A short name of the recipe, part of the default model's cache key. <c>ngram64</c> names the
    /// n-gram keys of <see cref="TextClassifier"/> (one pass, 64-bit keys, L2-normalised counts or,
    /// with <c>presence</c>, presences); <c>lbfgs-logistic</c> the trainer.
    /// </summary>
    [JsonIgnore]
    public string Recipe =>
        $"ngram64/char1-{CharNgramLength}+word1-{WordNgramLength}{(FoldDigits ? "+digits0" : "")}{(Presence ? "+presence" : "")}/l2norm/lbfgs-logistic/l2={L2Regularization.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}/it={MaximumIterations}/seed={Seed}";

    /// <summary>What the scorer reads: the n-gram part of the recipe.</summary>
    [JsonIgnore]
    public ClassifierFeatures Classifier => new(CharNgramLength, WordNgramLength, FoldDigits, Presence);
}
