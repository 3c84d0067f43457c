using Microsoft.Extensions.Options;
using Moderation.Api.Review.Cases;
using Moderation.Api.Review.Claim;
using Moderation.Api.Review.Decide;
using Moderation.Api.Review.Listing;
using Moderation.Api.Review.Release;
using Moderation.Detection.Fingerprints;
using Moderation.Storage;
using Moderation.Storage.Audit;
using Moderation.Storage.Database;

namespace Moderation.Standalone.Tests.Review.Slices;

/// <summary>The database side of each review slice over one scratch database, as the specifications call them.</summary>
public sealed class ReviewSlices(ModerationDatabase database, AuditLog audit, TimeProvider time, IOptions<StorageOptions> storage)
{
    public static FingerprintScheme Scheme { get; } = FingerprintScheme.FromSecret("review-slices-specs");

    public Task<ClaimResult> ClaimAsync(long caseId, string actor, TimeSpan lease, CancellationToken cancellationToken) =>
        new ClaimCaseSql(database, audit, time).ClaimAsync(caseId, actor, lease, cancellationToken);

    public Task<bool> ReleaseClaimAsync(long caseId, string actor, int claimVersion, CancellationToken cancellationToken) =>
        new ReleaseClaimSql(database, audit).ReleaseAsync(caseId, actor, claimVersion, cancellationToken);

    public Task<IReadOnlyList<long>> ExpireClaimsAsync(CancellationToken cancellationToken) =>
        new ExpireClaimsSql(database, audit, time).ExpireAsync(cancellationToken);

    public Task<DecisionResult> DecideAsync(DecisionRequest request, CancellationToken cancellationToken) =>
        new DecisionTransaction(database, audit, time, storage, Scheme).DecideAsync(request, cancellationToken);

    public Task<ReviewCaseDetail?> FindAsync(long caseId, CancellationToken cancellationToken) =>
        new CaseReader(database).FindAsync(caseId, cancellationToken);

    public Task<CasePage> ListAsync(CaseFilter filter, CancellationToken cancellationToken) =>
        new ListCasesSql(database).ListAsync(filter, cancellationToken);

    public Task<long> CountAsync(CaseFilter filter, CancellationToken cancellationToken) =>
        new ListCasesSql(database).CountAsync(filter, cancellationToken);

    public Task<string> ExplainPageAsync(CaseFilter filter, CancellationToken cancellationToken) =>
        new ListCasesSql(database).ExplainPageAsync(filter, cancellationToken);
}
