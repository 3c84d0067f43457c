using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Moderation.Onboarding;

/// <summary>
/// Registers a board through the Api over HTTP, the way its people do: the organizer applies
/// (<c>/api/v1/registrations</c>), an officer whose area covers the board's division code takes the
/// application up and approves it (<c>/api/v1/registration-reviews</c>), and the organizer collects
/// the operator's credentials, once. For whatever must create boards the way a deployment does: the
/// integration tests and the load generator. A refusal throws with the Api's problem, field by field.
/// </summary>
public sealed partial class RegistrationClient(HttpClient organizer, HttpClient officer)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// A client signed in through the sign-in page (antiforgery token and session cookie), as a
    /// person is. Over plain http the Api must be run with <c>Moderation:Security:SecureCookies=false</c>.
    /// </summary>
    public static async Task<HttpClient> SignInAsync(Uri api, string userName, string password, CancellationToken cancellationToken = default)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = api };
        var page = await http.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), cancellationToken);
        var token = TokenPattern().Match(page);
        if (!token.Success)
        {
            http.Dispose();
            throw new InvalidOperationException($"No antiforgery token on {api}account/sign-in.");
        }

        using var response = await http.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token.Groups[1].Value,
        }), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            http.Dispose();
            throw new InvalidOperationException($"Sign-in of {userName} at {api} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return http;
    }

    /// <summary>A client that calls the Api with an API key (an officer's or an administrator's).</summary>
    public static HttpClient WithApiKey(Uri api, string key) =>
        new() { BaseAddress = api, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) } };

    /// <summary>Applies, has the application approved and collects the operator's first credentials.</summary>
    /// <param name="form">The application form as <c>POST /api/v1/registrations</c> takes it.</param>
    public async Task<(string ApplicationId, IssuedCredentials Credentials)> RegisterAsync(object form, CancellationToken cancellationToken = default)
    {
        var applicationId = await ApprovedAsync(form, cancellationToken);
        return (applicationId, await CollectCredentialsAsync(applicationId, cancellationToken));
    }

    /// <summary>Applies and has the application approved (a further board of an operator that already has its credentials).</summary>
    public async Task<string> ApprovedAsync(object form, CancellationToken cancellationToken = default)
    {
        var applicationId = await ApplyAsync(form, cancellationToken);
        await DecideAsync(applicationId, "StartReview", "taken up", cancellationToken);
        await DecideAsync(applicationId, "Approve", "security management system and user agreement in order", cancellationToken);
        return applicationId;
    }

    /// <summary>The organizer drafts the application and submits it; returns its id.</summary>
    public async Task<string> ApplyAsync(object form, CancellationToken cancellationToken = default)
    {
        var draft = await SendAsync(organizer, HttpMethod.Post, "/api/v1/registrations", form, cancellationToken);
        var applicationId = draft.GetProperty("applicationId").GetString()!;
        await SendAsync(organizer, HttpMethod.Post, $"/api/v1/registrations/{applicationId}/submit", new { }, cancellationToken);
        return applicationId;
    }

    /// <summary>The officer's decision (<c>StartReview</c>, <c>Approve</c>, <c>Suspend</c>, <c>Reinstate</c>, <c>Revoke</c>…) with its reason.</summary>
    public async Task<JsonElement> DecideAsync(string applicationId, string transition, string reason, CancellationToken cancellationToken = default) =>
        await SendAsync(officer, HttpMethod.Post, $"/api/v1/registration-reviews/{applicationId}/decision", new { transition, reason }, cancellationToken);

    /// <summary>The organizer collects the approved board's credentials; the Api shows them this once.</summary>
    public async Task<IssuedCredentials> CollectCredentialsAsync(string applicationId, CancellationToken cancellationToken = default) =>
        (await SendAsync(organizer, HttpMethod.Post, $"/api/v1/registrations/{applicationId}/credentials", new { }, cancellationToken)).Deserialize<IssuedCredentials>(Json)!;

    /// <summary>New credentials; the earlier ones keep working for <paramref name="overlap"/> (the Api's default when null).</summary>
    public async Task<IssuedCredentials> RotateCredentialsAsync(string applicationId, TimeSpan? overlap, CancellationToken cancellationToken = default) =>
        (await SendAsync(organizer, HttpMethod.Post, $"/api/v1/registrations/{applicationId}/credentials/rotate", new { overlap = overlap?.ToString("c") }, cancellationToken)).Deserialize<IssuedCredentials>(Json)!;

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body, body.GetType(), options: Json) };
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {path} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
