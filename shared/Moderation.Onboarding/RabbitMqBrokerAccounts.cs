using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Moderation.Storage.Boards;

namespace Moderation.Onboarding;

/// <summary>
/// Operators' broker users on RabbitMQ, made through its management API and recorded in
/// <c>broker_users</c>. RabbitMQ has one password per user, so every issue creates a new user:
/// a rotation's old and new user are both live during the overlap, and the scanner accepts any
/// live user of the board's operator as its sender. Expired users are deleted by
/// <see cref="ExpiredBrokerUserSweeper"/>; a revocation deletes them all at once.
/// </summary>
public sealed class RabbitMqBrokerAccounts(
    RabbitMqManagementApi broker,
    BrokerUserRepository users,
    BoardRepository boards,
    TimeProvider time,
    ILogger<RabbitMqBrokerAccounts> logger) : IBrokerAccounts
{
    /// <summary>Expired users deleted in one pass of the sweep; the next pass takes the rest.</summary>
    private const int SweepBatch = 100;

    public bool ManagesUsers => true;

    public async Task<BrokerCredentials?> IssueAsync(BrokerOperator forumOperator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forumOperator);
        var (user, password) = await CreateAsync(forumOperator, cancellationToken);
        return new BrokerCredentials(user, password, PreviousValidUntil: null);
    }

    public async Task<BrokerCredentials?> RotateAsync(BrokerOperator forumOperator, TimeSpan overlap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forumOperator);
        ArgumentOutOfRangeException.ThrowIfLessThan(overlap, TimeSpan.Zero);
        var earlier = await users.UnretiredAsync(forumOperator.OperatorId, cancellationToken);
        var (user, password) = await CreateAsync(forumOperator, cancellationToken);
        if (earlier.Count == 0)
        {
            return new BrokerCredentials(user, password, PreviousValidUntil: null);
        }

        var until = time.GetUtcNow() + overlap;
        await users.ExpireOthersAsync(forumOperator.OperatorId, user, until, cancellationToken);
        logger.LogInformation("Rotated the broker users of operator {OperatorId}: {User} issued, {Count} earlier user(s) valid until {Until:O}", forumOperator.OperatorId, user, earlier.Count, until);
        if (overlap == TimeSpan.Zero)
        {
            await RetireExpiredAsync(cancellationToken);
        }

        return new BrokerCredentials(user, password, until);
    }

    public async Task RevokeAsync(string operatorId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorId);
        foreach (var issued in await users.UnretiredAsync(operatorId, cancellationToken))
        {
            await RetireAsync(issued, "the operator's credentials were revoked", cancellationToken);
        }

        // A user the deployment configured for the operator stops counting as it too.
        await boards.ForgetConfiguredAmqpUserAsync(operatorId, cancellationToken);
        logger.LogInformation("Revoked every broker user of operator {OperatorId}", operatorId);
    }

    /// <summary>Deletes at the broker, and closes the connections of, every user whose overlap has ended.</summary>
    /// <returns>How many users were retired.</returns>
    public async Task<int> RetireExpiredAsync(CancellationToken cancellationToken)
    {
        var expired = await users.ExpiredAsync(time.GetUtcNow(), SweepBatch, cancellationToken);
        foreach (var issued in expired)
        {
            await RetireAsync(issued, "the credentials were rotated and their overlap has ended", cancellationToken);
        }

        return expired.Count;
    }

    private async Task<(string User, string Password)> CreateAsync(BrokerOperator forumOperator, CancellationToken cancellationToken)
    {
        var issuedAt = time.GetUtcNow();
        var user = $"{forumOperator.OperatorId}.{issuedAt:yyyyMMddHHmmss}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var password = Base64Url(RandomNumberGenerator.GetBytes(24));
        // Recorded first, so the user never exists at the broker without a row the sweep and a
        // revocation can find; forgotten again if the broker does not complete it.
        await users.AddAsync(user, forumOperator.OperatorId, issuedAt, cancellationToken);
        try
        {
            await broker.PutUserAsync(user, password, cancellationToken);
            await broker.SetPermissionsAsync(user, BrokerPermissions.For(forumOperator), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not create broker user {User} for operator {OperatorId}; removing what was made", user, forumOperator.OperatorId);
            await UndoCreateAsync(user);
            throw;
        }

        logger.LogInformation("Issued broker user {User} to operator {OperatorId}", user, forumOperator.OperatorId);
        return (user, password);
    }

    /// <summary>
    /// Best effort after a failed creation: the caller's error is what matters. Should the broker
    /// not answer, the row is given an end instead, so the sweep deletes the user later.
    /// </summary>
    private async Task UndoCreateAsync(string user)
    {
        try
        {
            await broker.DeleteUserAsync(user, CancellationToken.None);
            await users.DeleteAsync(user, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not remove the half-created broker user {User}; the sweep deletes it", user);
            try
            {
                await users.ExpireAsync(user, time.GetUtcNow(), CancellationToken.None);
            }
            catch (Exception inner)
            {
                logger.LogError(inner, "Broker user {User} may exist at the broker without a usable record: delete it there", user);
            }
        }
    }

    private async Task RetireAsync(IssuedBrokerUser issued, string reason, CancellationToken cancellationToken)
    {
        await broker.DeleteUserAsync(issued.UserName, cancellationToken);
        await broker.CloseConnectionsAsync(issued.UserName, reason, cancellationToken);
        await users.RetireAsync(issued.UserName, time.GetUtcNow(), cancellationToken);
        logger.LogInformation("Retired broker user {User} of operator {OperatorId}: {Reason}", issued.UserName, issued.OperatorId, reason);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
