using Moderation.Learning.Corpus;

namespace Moderation.Cli.Train;

/// <summary>Loads the corpus a command names, or the shipped one, with errors a person can act on.</summary>
internal static class CorpusArguments
{
    /// <returns>The examples, or null after writing why to <paramref name="error"/> (and setting the exit code).</returns>
    public static IReadOnlyList<CorpusExample>? Load(string command, string? path, TextWriter error, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        if (path is null)
        {
            return CorpusFile.LoadShipped();
        }

        bool directory = Directory.Exists(path);
        if (!directory && !File.Exists(path))
        {
            error.WriteLine($"{command}: corpus file not found: {path}");
            exitCode = ExitCodes.UsageError;
            return null;
        }

        try
        {
            // A directory is read as one corpus of all its *.jsonl files (the yardstick keeps one file per kind of post).
            return directory ? CorpusFile.LoadDirectory(path) : CorpusFile.Load(path);
        }
        catch (CorpusFormatException ex)
        {
            error.WriteLine($"{command}: {path}: {ex.Message}");
            exitCode = ExitCodes.InvalidInput;
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{command}: cannot read corpus file {path}: {ex.Message}");
            exitCode = ExitCodes.UsageError;
            return null;
        }
    }
}
