using System.Text.Json.Serialization;

namespace Moderation.Learning.Corpus;

/// <summary>One labelled post of the corpus, as stored on one JSONL line.</summary>
/// <param name="Id">Unique in the corpus: the family and a running number.</param>
/// <param name="Label"><see cref="CorpusLabels.Secret"/> or <see cref="CorpusLabels.Clean"/>.</param>
/// <param name="Category">What kind of post it is (<see cref="CorpusCategories"/>).</param>
/// <param name="Family">The template family it was written from; every example of a family is in one split.</param>
/// <param name="Split"><see cref="CorpusSplits.Train"/> or <see cref="CorpusSplits.Test"/>.</param>
public sealed record CorpusExample(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("family")] string Family,
    [property: JsonPropertyName("split")] string Split)
{
    [JsonIgnore]
    public bool IsSecret => string.Equals(Label, CorpusLabels.Secret, StringComparison.Ordinal);
}
