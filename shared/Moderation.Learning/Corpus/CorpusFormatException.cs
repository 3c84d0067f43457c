namespace Moderation.Learning.Corpus;

/// <summary>A corpus line that cannot be used, with its line number (and its file, when a directory was read).</summary>
public sealed class CorpusFormatException(int lineNumber, string message, string? file = null)
    : Exception(file is null ? $"line {lineNumber}: {message}" : $"{file} line {lineNumber}: {message}")
{
    public int LineNumber { get; } = lineNumber;

    public string? File { get; } = file;
}
