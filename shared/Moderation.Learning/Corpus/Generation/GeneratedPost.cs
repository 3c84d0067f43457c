namespace Moderation.Learning.Corpus.Generation;

/// <summary>What a template writes: an optional title and a body.</summary>
internal readonly record struct GeneratedPost(string? Title, string Body);
