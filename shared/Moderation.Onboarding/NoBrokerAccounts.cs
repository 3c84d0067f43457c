namespace Moderation.Onboarding;

/// <summary>
/// For a deployment without a broker (the standalone host on the in-memory bus): forums publish over
/// HTTP with their API key, so there is no broker user to issue or revoke.
/// </summary>
public sealed class NoBrokerAccounts : IBrokerAccounts
{
    public bool ManagesUsers => false;

    public Task<BrokerCredentials?> IssueAsync(BrokerOperator forumOperator, CancellationToken cancellationToken) =>
        Task.FromResult<BrokerCredentials?>(null);

    public Task<BrokerCredentials?> RotateAsync(BrokerOperator forumOperator, TimeSpan overlap, CancellationToken cancellationToken) =>
        Task.FromResult<BrokerCredentials?>(null);

    public Task RevokeAsync(string operatorId, CancellationToken cancellationToken) => Task.CompletedTask;
}
