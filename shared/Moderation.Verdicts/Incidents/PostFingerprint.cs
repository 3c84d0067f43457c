using Moderation.Detection.Fingerprints;

namespace Moderation.Verdicts.Incidents;

/// <summary>
/// The post's own fingerprint: what an incident keeps to recognise the material again without its
/// text (its SimHash under the deployment's fingerprint key, not reversible), and what a confirmed
/// post is registered as.
/// </summary>
/// <remarks>
/// Computed over the title and the body together, one line each: the post as a whole is what leaked
/// (a title can itself be the document's heading), and it is the text a confirmed post is registered
/// as a protected document with, so the incident of a scan and of a moderator's decision, and that
/// document, carry one and the same SimHash for one post.
/// </remarks>
public static class PostFingerprint
{
    /// <summary>How an incident names the post's own SimHash among the fingerprints it keeps.</summary>
    public const string SimHashPrefix = "post-simhash:";

    /// <summary>The text a post is fingerprinted from.</summary>
    public static string TextOf(string? title, string? body) =>
        string.Join("\n", new[] { title, body }.Where(t => !string.IsNullOrEmpty(t)));

    /// <summary>The post as a protected document; null when there is no text or too little to fingerprint.</summary>
    public static FingerprintDocument? Compute(FingerprintScheme scheme, string? title, string? body,
        string documentId = "post", string? documentTitle = null, string? divisionCode = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var text = TextOf(title, body);
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return scheme.Compute(documentId, documentTitle, text, divisionCode);
        }
        catch (ArgumentException)
        {
            // Too short to fingerprint: the matched markings identify it well enough.
            return null;
        }
    }

    public static string SimHashOf(FingerprintDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return $"{SimHashPrefix}{document.SimHash:x16}";
    }
}
