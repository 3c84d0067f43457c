namespace Moderation.Learning.Corpus.Generation;

/// <summary>
/// One template family: a way of writing a kind of post, with slots filled at random. Every example
/// of a family lands in the family's split.
/// </summary>
internal sealed record TemplateFamily(string Name, string Category, string Label, string Split, int Count, Func<Slots, GeneratedPost> Write)
{
    public static TemplateFamily Leak(string name, string category, string split, int count, Func<Slots, GeneratedPost> write) =>
        new(name, category, CorpusLabels.Secret, split, count, write);

    public static TemplateFamily Clean(string name, string category, string split, int count, Func<Slots, GeneratedPost> write) =>
        new(name, category, CorpusLabels.Clean, split, count, write);
}
