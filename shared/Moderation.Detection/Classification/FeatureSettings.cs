using System.Text.Json.Serialization;

namespace Moderation.Detection.Classification;

/// <summary>How post text becomes features and how the classifier is trained; saved with every model.</summary>
/// <param name="CharNgramLength">Character n-grams of length 1 to this over the normalised text: Chinese has no spaces, so characters carry the signal.</param>
/// <param name="WordNgramLength">Word n-grams of length 1 to this (words split on spaces and punctuation), for English.</param>
/// <param name="FoldDigits">Every digit reads 0, so <c>机密★10年</c> and <c>机密★20年</c>, <c>61398部队</c> and <c>72523部队</c> share features.</param>
/// <param name="L2Regularization">SDCA's L2 weight; larger generalises more and memorises less.</param>
/// <param name="MaximumIterations">Passes of SDCA over the data.</param>
/// <param name="Seed">Seeds ML.NET's shuffling; with one training thread the same data gives the same model.</param>
public sealed record FeatureSettings(
    [property: JsonPropertyName("charNgramLength")] int CharNgramLength,
    [property: JsonPropertyName("wordNgramLength")] int WordNgramLength,
    [property: JsonPropertyName("foldDigits")] bool FoldDigits,
    [property: JsonPropertyName("l2Regularization")] float L2Regularization,
    [property: JsonPropertyName("maximumIterations")] int MaximumIterations,
    [property: JsonPropertyName("seed")] int Seed)
{
    /// <summary>The recipe of the shipped default model.</summary>
    public static FeatureSettings Default { get; } = new(CharNgramLength: 2, WordNgramLength: 2, FoldDigits: true, L2Regularization: 1e-6f, MaximumIterations: 40, Seed: 1);

    /// <summary>
    /// A short name of the recipe, part of the default model's cache key. <c>ngram64</c> names the
    /// n-gram keys of <see cref="TextClassifier"/> (one pass, 64-bit keys, L2-normalised counts).
    /// </summary>
    [JsonIgnore]
    public string Recipe =>
        $"ngram64/char1-{CharNgramLength}+word1-{WordNgramLength}{(FoldDigits ? "+digits0" : "")}/l2norm/sdca-logistic/l2={L2Regularization:G4}/it={MaximumIterations}/seed={Seed}";

    /// <summary>What the scorer reads: the n-gram part of the recipe.</summary>
    [JsonIgnore]
    public ClassifierFeatures Classifier => new(CharNgramLength, WordNgramLength, FoldDigits);
}
