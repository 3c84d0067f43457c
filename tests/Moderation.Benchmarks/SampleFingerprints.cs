using Moderation.Detection.Fingerprints;

namespace Moderation.Benchmarks;

/// <summary>A fingerprint index of 1,000 protected documents of 3,000 characters, built once per process.</summary>
internal static class SampleFingerprints
{
    public const int DocumentCount = 1_000;

    private static readonly Lazy<FingerprintIndex> s_index = new(() =>
    {
        FingerprintScheme scheme = FingerprintScheme.FromSecret(FingerprintScheme.DemoSecret);
        return FingerprintIndex.Build(
            scheme,
            Enumerable.Range(0, DocumentCount).Select(i => scheme.Compute($"protected-{i}", null, SamplePosts.ProtectedDocument(i))));
    });

    public static FingerprintIndex Index => s_index.Value;
}
