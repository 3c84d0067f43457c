namespace Moderation.Webhooks;

/// <summary>Standard Webhooks secrets: <c>whsec_</c> and the base64 of 24 to 64 random bytes.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public static string? Problem(string? secret)
    {
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return "required for a webhook: \"whsec_\" followed by the base64 of 24-64 random bytes (e.g. whsec_$(head -c 32 /dev/urandom | base64))";
        }

        var key = new byte[secret.Length];
        return Convert.TryFromBase64String(secret[Prefix.Length..], key, out var length) && length is >= 24 and <= 64
            ? null
            : "after \"whsec_\" must come the base64 of 24-64 random bytes";
    }

    /// <summary>A new secret of 32 random bytes, for webhooks whose secret this side hands out.</summary>
    public static string Generate() => Prefix + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static byte[] KeyOf(string secret) => Convert.FromBase64String(secret[Prefix.Length..]);
}
