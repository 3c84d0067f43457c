using System.Net;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moderation.Api.Pages.Account;
using Moderation.Api.Security;
using Moderation.Standalone.Tests.Review;
using Moderation.Storage.Accounts;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Security;

/// <summary>
/// Sign-in that tells an attacker nothing and cannot be turned against the account's owner: the same
/// work and answer for unknown, disabled and real names; failures block a name from one address with
/// growing waits and never the account; security headers on every answer, errors and files included.
/// </summary>
public sealed class SignInSpecs : IAsyncLifetime
{
    private const string ClientHeader = "X-Test-Client-Address";

    private readonly CountingHasher _hasher = new();
    private ReviewHost _host = null!;
    private WebApplicationFactory<StandaloneAssembly> _factory = null!;

    public async Task InitializeAsync()
    {
        _host = await ReviewHost.StartAsync();
        _factory = _host.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddSingleton<IPasswordHasher<Account>>(_hasher);
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        }));
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task An_unknown_name_a_disabled_account_and_a_wrong_password_get_the_same_answer_after_the_same_work()
    {
        await using (var connection = await _host.Scratch.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE accounts SET disabled_at = created_at WHERE user_name = 'org-a'");
        }

        var answers = new List<(string Body, int Checks)>();
        foreach (var (name, password) in new[] { ("nobody-at-all", "whatever-1"), ("org-a", TestCredentials.Password), ("mod-a", "wrong-password") })
        {
            using var http = Client("192.0.2.10");
            var token = await ReviewHost.AntiforgeryTokenAsync(http, "/account/sign-in");
            int before = _hasher.Checks;
            var response = await Submit(http, token, name, password);

            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{name} is not signed in");
            answers.Add((WithoutToken(await response.Content.ReadAsStringAsync()), _hasher.Checks - before));
        }

        answers.Select(a => a.Checks).Should().Equal([1, 1, 1], "each attempt checks one password hash, real or decoy");
        answers.Select(a => a.Body).Distinct().Should().ContainSingle().Which.Should().Contain(SignInModel.WrongCredentials);
        var audit = await AuditActionsAsync();
        audit.Count(a => a == "account.sign-in-failed").Should().Be(3, "every failure is audited, whatever the name");
    }

    [Fact]
    public async Task Failures_block_the_name_from_that_address_with_growing_waits_and_never_the_owner_elsewhere()
    {
        using var attacker = Client("198.51.100.7");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await ReviewHost.SubmitSignInAsync(attacker, "mod-a", "guess-" + i)).StatusCode);
        }

        var blocked = await ReviewHost.SubmitSignInAsync(attacker, "mod-a", TestCredentials.Password);
        var blockedUnknown = await BlockUnknownNameAsync();
        using var owner = Client("203.0.113.20");
        var ownerSignIn = await ReviewHost.SubmitSignInAsync(owner, "mod-a", TestCredentials.Password);

        statuses.Should().OnlyContain(s => s == HttpStatusCode.OK, "three failures are free and the fourth is answered before it blocks");
        blocked.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the right password does not help while the name is blocked from that address");
        int.Parse(blocked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 2);
        WithoutToken(await blocked.Content.ReadAsStringAsync()).Should().Be(WithoutToken(await blockedUnknown.Content.ReadAsStringAsync()),
            "a blocked real name and a blocked unknown one read the same");
        ownerSignIn.StatusCode.Should().Be(HttpStatusCode.Redirect, "the owner, from another address, signs in");
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(3, null)]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    [InlineData(6, 8)]
    [InlineData(12, 512)]
    [InlineData(13, 900)]
    [InlineData(1000, 900)]
    public void The_wait_doubles_with_each_failure_beyond_the_free_ones_up_to_the_limit(int failures, int? seconds)
    {
        var throttle = new SignInThrottle(Options.Create(new SecurityOptions()));

        throttle.BlockFor(failures).Should().Be(seconds is { } s ? TimeSpan.FromSeconds(s) : null);
    }

    [Fact]
    public async Task A_server_error_a_static_file_and_a_missing_page_carry_the_security_headers()
    {
        using var http = Client("192.0.2.99");
        var token = await ReviewHost.AntiforgeryTokenAsync(http, "/account/sign-in");
        _hasher.FailNext = true;

        var error = await Submit(http, token, "mod-a", TestCredentials.Password);
        var file = await http.GetAsync("/static/css/site.css");
        var missing = await http.GetAsync("/no-such-page");

        error.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        file.StatusCode.Should().Be(HttpStatusCode.OK);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        foreach (var response in new[] { error, file, missing })
        {
            response.Headers.GetValues("Content-Security-Policy").Single().Should().Be(SecurityHeaders.ContentSecurityPolicy, response.RequestMessage!.RequestUri!.ToString());
            response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
            response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        }
    }

    private async Task<HttpResponseMessage> BlockUnknownNameAsync()
    {
        using var http = Client("198.51.100.8");
        for (var i = 0; i < 4; i++)
        {
            await ReviewHost.SubmitSignInAsync(http, "no-such-moderator", "guess-" + i);
        }

        return await ReviewHost.SubmitSignInAsync(http, "no-such-moderator", "guess-last");
    }

    private HttpClient Client(string address)
    {
        var http = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        http.DefaultRequestHeaders.Add(ClientHeader, address);
        return http;
    }

    private static Task<HttpResponseMessage> Submit(HttpClient http, string token, string userName, string password) =>
        http.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));

    // The page echoes the typed name back into the form and carries a fresh antiforgery token: neither is an answer.
    private static string WithoutToken(string html) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(html, "name=\"__RequestVerificationToken\"[^>]*value=\"[^\"]*\"", ""),
            "id=\"UserName\"[^>]*value=\"[^\"]*\"", "");

    private async Task<List<string>> AuditActionsAsync()
    {
        await using var connection = await _host.Scratch.Database.OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<string>("SELECT action FROM audit_log ORDER BY sequence")];
    }

    /// <summary>The real hasher, counting its checks, and failing one when told to (a server error on demand).</summary>
    private sealed class CountingHasher : IPasswordHasher<Account>
    {
        private readonly PasswordHasher<Account> _inner = new();
        private int _checks;

        public int Checks => Volatile.Read(ref _checks);

        public bool FailNext { get; set; }

        public string HashPassword(Account user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(Account user, string hashedPassword, string providedPassword)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("the password store is unreachable (test)");
            }

            Interlocked.Increment(ref _checks);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    /// <summary>The test server has no client address; this gives each test client one of its own.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
