using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Moderation.Integration.Tests.Support;
using Moderation.Testing;

namespace Moderation.Integration.Tests;

/// <summary>
/// Claims across two API instances on the real PostgreSQL and Redis: two moderators racing for the
/// same cases never both get one, the loser cannot decide it, and a claim made on one instance reaches
/// a queue open on the other through the Redis backplane.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed partial class ReviewClaimSpecs : PipelineSpecs
{
    [Fact]
    public async Task Two_moderators_on_two_instances_never_hold_the_same_case_and_each_claim_shows_on_the_other_instance()
    {
        var settings = new Dictionary<string, string>
        {
            ["Moderation__Security__SecureCookies"] = "false",
            ["Moderation__Security__Accounts__0__UserName"] = "alice",
            ["Moderation__Security__Accounts__0__Password"] = TestCredentials.Password,
            ["Moderation__Security__Accounts__0__Role"] = "moderator",
            ["Moderation__Security__Accounts__0__Boards__0"] = Pipeline.BoardId,
            ["Moderation__Security__Accounts__1__UserName"] = "bob",
            ["Moderation__Security__Accounts__1__Password"] = TestCredentials.Password,
            ["Moderation__Security__Accounts__1__Role"] = "moderator",
            ["Moderation__Security__Accounts__1__Boards__0"] = Pipeline.BoardId,
        };
        var first = await Pipeline.StartApiAsync(settings);
        var second = await Pipeline.StartApiAsync(settings);
        var cases = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            cases.Add(await OpenCaseAsync($"race-{i}"));
        }

        var (alice, aliceCookies) = await SignInAsync(first.BaseAddress, "alice");
        var (bob, _) = await SignInAsync(second.BaseAddress, "bob");
        var seenOnSecond = new ConcurrentDictionary<long, long>();
        var clock = Stopwatch.StartNew();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(second.BaseAddress, "/hubs/queue"), o => o.Cookies = aliceCookies)
            .Build();
        hub.On<JsonElement>("caseChanged", change =>
        {
            if (change.GetProperty("change").GetString() == "claimed" && change.GetProperty("claimedBy").GetString() == "alice")
            {
                seenOnSecond.TryAdd(change.GetProperty("caseId").GetInt64(), clock.ElapsedMilliseconds);
            }
        });
        await hub.StartAsync();

        var outcomes = new List<(long CaseId, HttpStatusCode Alice, HttpStatusCode Bob)>();
        var claimedAt = new Dictionary<long, long>();
        foreach (var caseId in cases)
        {
            claimedAt[caseId] = clock.ElapsedMilliseconds;
            var race = await Task.WhenAll(
                alice.PostAsync(new Uri($"/api/v1/review/cases/{caseId}/claim", UriKind.Relative), null),
                bob.PostAsync(new Uri($"/api/v1/review/cases/{caseId}/claim", UriKind.Relative), null));
            outcomes.Add((caseId, race[0].StatusCode, race[1].StatusCode));
        }

        outcomes.Should().OnlyContain(o => (o.Alice == HttpStatusCode.OK) != (o.Bob == HttpStatusCode.OK), "exactly one of the two gets each case");
        outcomes.Should().OnlyContain(o => o.Alice == HttpStatusCode.Conflict || o.Bob == HttpStatusCode.Conflict);
        foreach (var caseId in cases)
        {
            var holders = await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'case.claimed' AND subject = @subject", new { subject = $"case:{caseId}" });
            holders.Should().Be(1, $"case {caseId} was claimed once");
        }

        // The loser cannot decide with any token: the claim, not the token, is missing.
        var lost = outcomes.First(o => o.Bob == HttpStatusCode.Conflict).CaseId;
        var version = await Pipeline.ScalarAsync<int>("SELECT version FROM review_cases WHERE case_id = @lost", new { lost });
        var stolen = await bob.PostAsJsonAsync(new Uri($"/api/v1/review/cases/{lost}/decision", UriKind.Relative), new { decision = "Release", reason = "mine now", version });
        stolen.StatusCode.Should().Be(HttpStatusCode.Conflict);

        var aliceWon = outcomes.Where(o => o.Alice == HttpStatusCode.OK).Select(o => o.CaseId).ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (aliceWon.Any(id => !seenOnSecond.ContainsKey(id)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        seenOnSecond.Keys.Should().BeEquivalentTo(aliceWon, "every claim made on the first instance reaches the queue open on the second\n" + Pipeline.ServiceLogs);
        var delays = aliceWon.Select(id => seenOnSecond[id] - claimedAt[id]).Order().ToList();
        Console.WriteLine($"Claim on instance 1 seen on instance 2 after (ms, includes the claim request): median {delays[delays.Count / 2]}, max {delays[^1]}");
    }

    private async Task<long> OpenCaseAsync(string postId) => (await Pipeline.SaveHeldPostAsync(postId)).ReviewCaseId!.Value;

    private static async Task<(HttpClient Client, CookieContainer Cookies)> SignInAsync(Uri api, string userName)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = api };
        var form = await http.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));
        var token = TokenPattern().Match(form).Groups[1].Value;
        var response = await http.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = TestCredentials.Password,
            ["__RequestVerificationToken"] = token,
        }));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{userName} signs in");
        return (http, cookies);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
