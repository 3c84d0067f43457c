using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Moderation.Storage.Audit;

/// <summary>
/// The hash chain: row_hash = SHA-256(previous_hash + "\n" + canonical row), where the canonical row
/// is a JSON array of sequence, time (UTC, microseconds), actor, action, subject and details. Any
/// change to a row changes its hash; removing or reordering rows breaks the link to the next one.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first row.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Both engines keep microseconds; hashing more precision than is stored would not verify.</summary>
    public static DateTimeOffset Normalise(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static string Canonical(long sequence, DateTimeOffset occurredAt, string actor, string action, string subject, string detailJson) =>
        JsonSerializer.Serialize(new object[]
        {
            sequence,
            Normalise(occurredAt).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            actor,
            action,
            subject,
            detailJson,
        });

    public static string Hash(string previousHash, string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + "\n" + canonical)));

    public static string HashOf(AuditRecord row) =>
        Hash(row.PreviousHash, Canonical(row.Sequence, row.OccurredAt, row.Actor, row.Action, row.Subject, row.DetailJson));
}
