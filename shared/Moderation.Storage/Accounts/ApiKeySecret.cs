using System.Security.Cryptography;
using System.Text;

namespace Moderation.Storage.Accounts;

/// <summary>
/// Key format and hashing. A key is <c>mod_</c> + 32 random bytes (base64url); it is shown once and
/// stored only as its SHA-256, which suffices for 256-bit random secrets (no dictionary to try).
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "mod_";

    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A short public id derived from the key, for listing and revoking without the key.</summary>
    public static string IdOf(string key) => Hash(key)[..12];

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
