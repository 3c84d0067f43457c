namespace Moderation.Detection.Fingerprints;

/// <summary>One thing wrong with a fingerprint file: the field (a JSON path such as <c>parameters.kgram</c>) and what to do about it.</summary>
public sealed record FingerprintProblem(string Field, string Message);
