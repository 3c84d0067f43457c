using System.ComponentModel.DataAnnotations;
using Moderation.Detection.Fingerprints;

namespace Moderation.Fingerprints;

/// <summary>Bound from <c>Moderation:Fingerprints</c>.</summary>
public sealed class FingerprintOptions
{
    public const string Section = "Moderation:Fingerprints";

    /// <summary>
    /// The deployment-wide secret the k-gram hashes are keyed with. The CLI that computes a document's
    /// fingerprint must use the same one (<c>MODERATION_FINGERPRINT_SECRET</c>). The default is the
    /// public demo secret: set your own (32 or more random characters) before registering real documents.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string Secret { get; set; } = FingerprintScheme.DemoSecret;

    /// <summary>
    /// How often a scanner checks that its index holds every registered document (it compares counts
    /// with the database, and reloads when a notification was missed, for example while Redis was down).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Prefix of the Redis keys and channel of the fingerprint mirror. Unset: derived from the
    /// database, so deployments (and test runs) that share a Redis never mix their documents.
    /// </summary>
    public string? RedisPrefix { get; set; }
}
