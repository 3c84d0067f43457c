namespace Moderation.Api.Review.Leases;

/// <summary>
/// The fast path of claims: a lease per case in Redis (in-process in the standalone host), so a
/// moderator who clicks a case another holds is told at once, without a database write. Only a hint:
/// the database's fenced claim decides, and a lease that disagrees with it is overwritten.
/// </summary>
public interface ICaseLeases
{
    /// <summary>Takes or renews the lease for <paramref name="holder"/>; returns null on success, else the current holder.</summary>
    Task<string?> TryAcquireAsync(long caseId, string holder, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Sets the lease to <paramref name="holder"/> whoever held it (the database said so).</summary>
    Task OverwriteAsync(long caseId, string holder, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Drops the lease if <paramref name="holder"/> holds it.</summary>
    Task ReleaseAsync(long caseId, string holder, CancellationToken cancellationToken);
}
