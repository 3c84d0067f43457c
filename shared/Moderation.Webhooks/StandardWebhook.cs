using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Moderation.Webhooks;

/// <summary>
/// The Standard Webhooks signature scheme (standardwebhooks.com): <c>webhook-signature</c> is
/// <c>v1,</c> + base64 HMAC-SHA256 over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the
/// bytes of the endpoint's <c>whsec_</c> secret. Used for the reports we send and the receipts
/// departments send back.
/// </summary>
public static class StandardWebhook
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>How far a timestamp may be from our clock before the message counts as a replay.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(WebhookSecret.KeyOf(secret), signed));
    }

    /// <summary>A signed POST of <paramref name="body"/> (JSON) to <paramref name="url"/>: the three headers, the timestamp <paramref name="now"/>.</summary>
    public static HttpRequestMessage SignedPost(string url, string secret, string id, DateTimeOffset now, string body)
    {
        var timestamp = now.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(IdHeader, id);
        request.Headers.Add(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, Sign(secret, id, timestamp, body));
        return request;
    }

    /// <summary>
    /// Checks signature and timestamp, then asks <paramref name="remember"/> to record the message
    /// (id and timestamp; false when that exact message was seen before, i.e. it is a replay). Keys are
    /// remembered for twice the tolerance, longer than any timestamp passes. The same id with a fresh
    /// timestamp is the sender's retry of one delivery: valid, and the receiver dedupes it by id.
    /// </summary>
    public static async Task<WebhookCheck> VerifyAsync(
        string secret, string? id, string? timestamp, string? signatures, string body, DateTimeOffset now, Func<string, TimeSpan, Task<bool>> remember)
    {
        ArgumentNullException.ThrowIfNull(remember);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
        {
            return WebhookCheck.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799))).Ticks) > Tolerance.Ticks)
        {
            return WebhookCheck.StaleTimestamp;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, id, seconds, body));
        var match = signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
        if (!match)
        {
            return WebhookCheck.BadSignature;
        }

        return await remember($"{id}.{seconds}", Tolerance * 2) ? WebhookCheck.Valid : WebhookCheck.Replayed;
    }
}
