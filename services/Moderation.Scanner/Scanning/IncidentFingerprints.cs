using Moderation.Contracts;
using Moderation.Detection;
using Moderation.Detection.Fingerprints;

namespace Moderation.Scanner.Scanning;

/// <summary>
/// What an incident keeps to recognise the material again without its text: the protected documents
/// it matched, and the post's own SimHash under the deployment's fingerprint key (not reversible).
/// </summary>
internal static class IncidentFingerprints
{
    public static IReadOnlyList<string> Of(PostSubmitted post, ScanResult result, FingerprintScheme scheme)
    {
        var list = result.Findings.Where(f => f.Category == RuleCategories.Fingerprint).Select(f => f.RuleId).Distinct().ToList();
        try
        {
            var own = scheme.Compute("post", null, post.Body);
            list.Add($"post-simhash:{own.SimHash:x16}");
        }
        catch (ArgumentException)
        {
            // Too short to fingerprint: the matched markings identify it well enough.
        }

        return list;
    }
}
