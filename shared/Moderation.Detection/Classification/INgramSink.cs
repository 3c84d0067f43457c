namespace Moderation.Detection.Classification;

/// <summary>Receives the key of every n-gram <see cref="NgramHasher"/> finds; a struct, so the calls inline.</summary>
internal interface INgramSink
{
    void Add(ulong key);
}
