namespace Moderation.Learning.Corpus;

/// <summary>A corpus line that cannot be used, with its line number.</summary>
public sealed class CorpusFormatException(int lineNumber, string message)
    : Exception($"line {lineNumber}: {message}")
{
    public int LineNumber { get; } = lineNumber;
}
