using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Moderation.Detection.Fingerprints;

namespace Moderation.Cli.Fingerprint;

/// <summary>
/// <c>moderation fingerprint FILE [--id ID] [--title T] [--division CODE] [--output OUT.json]</c>:
/// computes a protected document's fingerprint on the officer's own machine and writes the file that
/// registers it (<c>POST /api/v1/fingerprints</c>). The file holds keyed hashes only, never text.
/// </summary>
public sealed class FingerprintCommand : Command
{
    /// <summary>The deployment's fingerprint secret; the scanners are configured with the same one (<c>Moderation:Fingerprints:Secret</c>).</summary>
    public const string SecretVariable = "MODERATION_FINGERPRINT_SECRET";

    private const string StandardStream = "-";

    private const string Help = """
        Computes the fingerprint of a protected document locally and writes the fingerprint file to
        register it with (POST /api/v1/fingerprints). The text never leaves this machine: the file holds
        the document id and title you give, the parameters, a 64-bit SimHash and the sorted, winnowed
        10-letter k-gram hashes, keyed with the deployment's secret.

        The secret is read from the environment variable MODERATION_FINGERPRINT_SECRET, or from the
        first line of --secret-file. It must be the secret the scanners use; without either, the public
        demo secret is used, which is fine for trying the system and protects nothing.

        FILE is UTF-8 text (- for standard input) of at least some 30 to 40 letters.

        Exit codes: 0 the file was written; 1 the text is too short or empty; 2 usage error (a file that
        does not exist, an invalid --id, --title or --division, an output that cannot be written).
        """;

    private readonly StandardStreams _streams;

    private readonly Argument<string> _file = new("FILE") { Description = "The protected document as UTF-8 text, or - for standard input." };

    private readonly Option<string?> _id = new("--id")
    {
        Description = "The document's reference, reported as fingerprint:<id> (letters, digits, '.', '_', '-'). Default: derived from the fingerprint.",
        HelpName = "ID",
    };

    private readonly Option<string?> _title = new("--title")
    {
        Description = "A title for reviewers and officers (never shown to forums). Use a neutral one when the real title is itself secret.",
        HelpName = "T",
    };

    private readonly Option<string?> _division = new("--division")
    {
        Description = "Your department's six-digit administrative division code (GB/T 2260); omit for a central registration.",
        HelpName = "CODE",
    };

    private readonly Option<string> _output = new("--output", "-o")
    {
        Description = "Where to write the fingerprint file (replaced if it exists), or - for standard output.",
        HelpName = "OUT.json",
        DefaultValueFactory = _ => StandardStream,
    };

    private readonly Option<FileInfo?> _secretFile = new("--secret-file")
    {
        Description = $"A file whose first line is the deployment's fingerprint secret (instead of {SecretVariable}).",
        HelpName = "PATH",
    };

    public FingerprintCommand(StandardStreams streams)
        : base("fingerprint", Help)
    {
        _streams = streams;
        Arguments.Add(_file);
        Options.Add(_id);
        Options.Add(_title);
        Options.Add(_division);
        Options.Add(_output);
        Options.Add(_secretFile);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        TextWriter error = parseResult.InvocationConfiguration.Error;
        string inputPath = parseResult.GetRequiredValue(_file);
        string outputPath = parseResult.GetRequiredValue(_output);
        string? id = parseResult.GetValue(_id);
        string? title = parseResult.GetValue(_title);
        string? division = parseResult.GetValue(_division);

        foreach ((string option, string? problem) in new[]
        {
            ("--id", id is null ? null : FingerprintFile.CheckDocumentId(id)),
            ("--title", FingerprintFile.CheckTitle(title)),
            ("--division", FingerprintFile.CheckDivisionCode(division)),
        })
        {
            if (problem is not null)
            {
                await error.WriteLineAsync($"fingerprint: {option}: {problem}");
                return ExitCodes.UsageError;
            }
        }

        if (inputPath != StandardStream && !File.Exists(inputPath))
        {
            await error.WriteLineAsync($"fingerprint: file not found: {inputPath}");
            return ExitCodes.UsageError;
        }

        if (inputPath != StandardStream && outputPath != StandardStream
            && string.Equals(Path.GetFullPath(inputPath), Path.GetFullPath(outputPath), StringComparison.Ordinal))
        {
            await error.WriteLineAsync($"fingerprint: the output would replace the document itself: {outputPath}");
            return ExitCodes.UsageError;
        }

        string? secret = await ReadSecretAsync(parseResult.GetValue(_secretFile), error, cancellationToken);
        if (secret is null)
        {
            return ExitCodes.UsageError;
        }

        string text;
        try
        {
            using var reader = new StreamReader(inputPath == StandardStream ? _streams.OpenInput() : File.OpenRead(inputPath), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"fingerprint: cannot read {inputPath}: {ex.Message}");
            return ExitCodes.UsageError;
        }

        FingerprintScheme scheme = FingerprintScheme.FromSecret(secret);
        FingerprintDocument document;
        try
        {
            document = scheme.Compute(id ?? "pending", title, text, division);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"fingerprint: {inputPath}: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        if (id is null)
        {
            document = document with { DocumentId = DerivedId(document) };
        }

        if (!await WriteAsync(outputPath, FingerprintFile.Write(document), error, cancellationToken))
        {
            return ExitCodes.UsageError;
        }

        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"fingerprint: {document.DocumentId}: {document.Hashes.Count} hashes (k {document.Parameters.KGram}, window {document.Parameters.Window}, key id {document.Parameters.KeyId}) written to {(outputPath == StandardStream ? "standard output" : outputPath)}"));
        if (scheme.UsesDemoSecret)
        {
            await error.WriteLineAsync($"fingerprint: warning: computed with the public demo secret; set {SecretVariable} to your deployment's secret for real documents");
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// The same text always gets the same id, so registering it twice is harmless. Taken from the
    /// keyed hashes, so it says nothing about the text to anyone without the secret.
    /// </summary>
    private static string DerivedId(FingerprintDocument document)
    {
        var bytes = new byte[document.Hashes.Count * sizeof(ulong)];
        for (int i = 0; i < document.Hashes.Count; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * sizeof(ulong)), document.Hashes[i]);
        }

        return "fp-" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 6));
    }

    private static async Task<string?> ReadSecretAsync(FileInfo? secretFile, TextWriter error, CancellationToken cancellationToken)
    {
        if (secretFile is null)
        {
            return Environment.GetEnvironmentVariable(SecretVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : FingerprintScheme.DemoSecret;
        }

        if (!secretFile.Exists)
        {
            await error.WriteLineAsync($"fingerprint: secret file not found: {secretFile.FullName}");
            return null;
        }

        string firstLine = (await File.ReadAllLinesAsync(secretFile.FullName, cancellationToken)).FirstOrDefault()?.Trim() ?? "";
        if (firstLine.Length == 0)
        {
            await error.WriteLineAsync($"fingerprint: the first line of {secretFile.FullName} is empty; it must hold the deployment's fingerprint secret");
            return null;
        }

        return firstLine;
    }

    private async Task<bool> WriteAsync(string outputPath, string json, TextWriter error, CancellationToken cancellationToken)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        try
        {
            if (outputPath == StandardStream)
            {
                Stream output = _streams.OpenOutput();
                await output.WriteAsync(bytes, cancellationToken);
                await output.FlushAsync(cancellationToken);
            }
            else
            {
                await File.WriteAllBytesAsync(outputPath, bytes, cancellationToken);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"fingerprint: cannot write {outputPath}: {ex.Message}");
            return false;
        }
    }
}
