namespace Moderation.Onboarding;

/// <summary>
/// The broker users forum operators publish as. The registration workflow asks for one when a board
/// is approved, for a new one when the organizer rotates credentials, and revokes them all when the
/// operator has no board left that may publish. The broker itself then enforces what an operator may
/// do: publish posts and withdrawals as itself only, and read only its own verdict queue.
/// </summary>
public interface IBrokerAccounts
{
    /// <summary>False when forums reach this deployment only over HTTP (the in-memory bus): no broker users exist then.</summary>
    bool ManagesUsers { get; }

    /// <summary>
    /// Creates a new broker user for the operator and returns its password, which is shown once and
    /// stored nowhere. Users issued earlier stay valid (see <see cref="RotateAsync"/>). Null when
    /// <see cref="ManagesUsers"/> is false.
    /// </summary>
    Task<BrokerCredentials?> IssueAsync(BrokerOperator forumOperator, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a new user as <see cref="IssueAsync"/> does; every earlier user of the operator keeps
    /// working until <paramref name="overlap"/> has passed, then is deleted and its connections closed.
    /// </summary>
    Task<BrokerCredentials?> RotateAsync(BrokerOperator forumOperator, TimeSpan overlap, CancellationToken cancellationToken);

    /// <summary>Deletes every user of the operator at once and closes their connections.</summary>
    Task RevokeAsync(string operatorId, CancellationToken cancellationToken);
}

/// <summary>The operator a broker user is for, and the only queue it may read.</summary>
public sealed record BrokerOperator(string OperatorId, string VerdictQueue);

/// <summary>A new broker user. <see cref="PreviousValidUntil"/> is when the operator's earlier users stop working, if any.</summary>
public sealed record BrokerCredentials(string User, string Password, DateTimeOffset? PreviousValidUntil);
