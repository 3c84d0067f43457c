using System.Net.Http.Headers;

namespace Moderation.Testing;

/// <summary>
/// API keys the tests provision through configuration (<c>Moderation:Security:ApiKeys</c>), as an
/// operator would from a secret store. Entries are numbered from 90 so they add to, and never
/// replace, the keys a host's own appsettings.json lists.
/// </summary>
public static class TestCredentials
{
    public const string ForumKey = "mod_test-forum-demo-key-000000000000000";
    public const string AdminKey = "mod_test-admin-key-000000000000000000000";
    public const string OfficerKey = "mod_test-officer-key-0000000000000000000";

    public const string AdminKeyName = "test-admin";

    /// <summary>Password of every test account (<see cref="Accounts"/>).</summary>
    public const string Password = "test-password-1";

    /// <summary>
    /// People, by user name: role, jurisdiction, boards. <c>mod-a</c> works the demo board,
    /// <c>mod-b</c> only the suspended one, so each is the other's wrong tenant.
    /// </summary>
    public static readonly IReadOnlyList<(string UserName, string Role, string? Division, string[] Boards)> Accounts =
    [
        ("mod-a", "moderator", null, ["demo-board"]),
        ("mod-b", "moderator", null, ["demo-suspended"]),
        ("org-a", "organizer", null, []),
        ("off-bj", "officer", "110000", []),
        ("off-gd", "officer", "440000", []),
        ("adm", "admin", null, []),
    ];

    /// <summary>The demo operator of <c>DemoData</c>, whose boards the forum key submits for by default.</summary>
    public const string DemoOperator = "forum-demo";

    /// <summary>The keys as configuration entries (<c>:</c>-separated), for in-process hosts.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = Build(":", DemoOperator);

    public static HttpClient WithApiKey(this HttpClient http, string key)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    /// <summary>
    /// The process environment plus the test keys as environment variables; <see cref="ForumKey"/>
    /// is bound to <paramref name="operatorId"/>, which must exist before the API starts (null: no
    /// forum key, for an API that registers the operator itself).
    /// </summary>
    public static Dictionary<string, string> With(IReadOnlyDictionary<string, string> environment, string? operatorId = DemoOperator)
    {
        var all = new Dictionary<string, string>(environment);
        foreach (var (name, value) in Build("__", operatorId))
        {
            all[name] = value;
        }

        return all;
    }

    private static Dictionary<string, string> Build(string separator, string? operatorId)
    {
        var keys = new (string Name, string Key, string Role, string? Operator, string? Division)[]
        {
            (AdminKeyName, AdminKey, "admin", null, null),
            ("test-officer", OfficerKey, "officer", null, "110000"),
            ("test-forum", ForumKey, "machine", operatorId, null),
        }.Where(k => k.Role != "machine" || k.Operator is not null).ToArray();
        var settings = new Dictionary<string, string>();
        for (var i = 0; i < keys.Length; i++)
        {
            var prefix = string.Join(separator, "Moderation", "Security", "ApiKeys", (90 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            settings[prefix + separator + "Name"] = keys[i].Name;
            settings[prefix + separator + "Key"] = keys[i].Key;
            settings[prefix + separator + "Role"] = keys[i].Role;
            if (keys[i].Operator is { } op)
            {
                settings[prefix + separator + "OperatorId"] = op;
            }

            if (keys[i].Division is { } division)
            {
                settings[prefix + separator + "DivisionCode"] = division;
            }
        }

        for (var i = 0; i < Accounts.Count; i++)
        {
            var prefix = string.Join(separator, "Moderation", "Security", "Accounts", (90 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            settings[prefix + separator + "UserName"] = Accounts[i].UserName;
            settings[prefix + separator + "Password"] = Password;
            settings[prefix + separator + "Role"] = Accounts[i].Role;
            if (Accounts[i].Division is { } division)
            {
                settings[prefix + separator + "DivisionCode"] = division;
            }

            for (var b = 0; b < Accounts[i].Boards.Length; b++)
            {
                settings[prefix + separator + "Boards" + separator + b.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Accounts[i].Boards[b];
            }
        }

        return settings;
    }
}
