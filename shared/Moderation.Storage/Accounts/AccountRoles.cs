namespace Moderation.Storage.Accounts;

/// <summary>The roles people and machines act in, as stored in <c>accounts.role</c> and <c>api_keys.role</c>.</summary>
public static class AccountRoles
{
    public const string Moderator = "moderator";
    public const string Organizer = "organizer";
    public const string Officer = "officer";
    public const string Admin = "admin";

    /// <summary>A forum operator's key (API keys only): submits posts for its operator's boards.</summary>
    public const string Machine = "machine";

    public static readonly IReadOnlyList<string> People = [Moderator, Organizer, Officer, Admin];

    public static readonly IReadOnlyList<string> Keys = [Machine, Officer, Admin];
}
