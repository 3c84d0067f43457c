namespace Moderation.Detection.Fingerprints;

/// <summary>A fingerprint file could not be read; <see cref="Problems"/> names each wrong field.</summary>
public sealed class FingerprintFileException : Exception
{
    public FingerprintFileException()
        : this([])
    {
    }

    public FingerprintFileException(string message)
        : this([new FingerprintProblem("", message)])
    {
    }

    public FingerprintFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new FingerprintProblem("", message)];
    }

    public FingerprintFileException(IReadOnlyList<FingerprintProblem> problems)
        : base(problems.Count == 0 ? "The fingerprint file is invalid." : string.Join(" ", problems.Select(p => p.Field.Length == 0 ? p.Message : $"{p.Field}: {p.Message}")))
    {
        Problems = problems;
    }

    public IReadOnlyList<FingerprintProblem> Problems { get; }
}
