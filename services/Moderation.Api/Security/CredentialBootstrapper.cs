using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Moderation.Storage.Accounts;

namespace Moderation.Api.Security;

/// <summary>
/// Stores the configured accounts and API keys at start, after the schema is migrated, so a fresh
/// install has its first administrator and a demo install its demo users. A password is re-hashed
/// only when it no longer matches, so restarts do not end sessions.
/// </summary>
internal sealed class CredentialBootstrapper(
    AccountRepository accounts,
    ApiKeyRepository keys,
    IPasswordHasher<Account> hasher,
    IOptions<SecurityOptions> options,
    ILogger<CredentialBootstrapper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var security = options.Value;
        foreach (var configured in security.Accounts)
        {
            var existing = await accounts.FindAsync(configured.UserName, cancellationToken);
            var hash = existing is not null && hasher.VerifyHashedPassword(existing, existing.PasswordHash, configured.Password) == PasswordVerificationResult.Success
                ? existing.PasswordHash
                : hasher.HashPassword(null!, configured.Password);
            var id = await accounts.SaveAsync(configured.UserName, configured.DisplayName ?? configured.UserName, hash, configured.Role, configured.DivisionCode, cancellationToken);
            if (configured.Boards.Count > 0)
            {
                var missing = await accounts.AssignBoardsAsync(id, configured.Boards, cancellationToken);
                if (missing.Count > 0)
                {
                    logger.LogWarning("Account {UserName}: board(s) {Boards} are not registered, so not assigned", configured.UserName, string.Join(", ", missing));
                }
            }

            if (security.PrintBootstrapCredentials)
            {
                logger.LogWarning("Sign in as {UserName} / {Password} ({Role}{Scope})", configured.UserName, configured.Password, configured.Role,
                    configured.Boards.Count > 0 ? $", boards {string.Join(", ", configured.Boards)}" : configured.DivisionCode is { } code ? $", division {code}" : "");
            }
        }

        foreach (var configured in security.ApiKeys)
        {
            try
            {
                await keys.SaveAsync(configured.Name, configured.Key, configured.Role, configured.OperatorId, configured.DivisionCode, "configuration", cancellationToken);
            }
            catch (System.Data.Common.DbException ex)
            {
                throw new InvalidOperationException(
                    $"{SecurityOptions.Section}:ApiKeys '{configured.Name}' could not be stored ({ex.Message}). A machine key's OperatorId must name an existing operator.", ex);
            }
            if (security.PrintBootstrapCredentials)
            {
                logger.LogWarning("API key {Name} ({Role}{Operator}): {Key}", configured.Name, configured.Role,
                    configured.OperatorId is { } op ? $", operator {op}" : "", configured.Key);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
