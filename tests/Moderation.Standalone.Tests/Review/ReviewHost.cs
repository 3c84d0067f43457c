using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using Moderation.Contracts;
using Moderation.Outbox;
using Moderation.Storage;
using Moderation.Storage.Database;
using Moderation.Storage.Outbox;
using Moderation.Storage.Posts;
using Moderation.Storage.Scans;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Review;

/// <summary>The standalone host over a scratch SQLite file, with signed-in clients and cases put straight into its database.</summary>
public sealed partial class ReviewHost : IAsyncDisposable
{
    private ReviewHost(ScratchDatabase scratch, StandaloneFactory factory)
    {
        Scratch = scratch;
        Factory = factory;
    }

    public ScratchDatabase Scratch { get; }

    public StandaloneFactory Factory { get; }

    public static async Task<ReviewHost> StartAsync(bool seedDemoPosts = false) => await StartAsync(await ScratchDatabase.CreateSqliteAsync(), seedDemoPosts);

    /// <summary>The same host over a scratch PostgreSQL database (tests/run.sh starts the server).</summary>
    /// <param name="settings">Settings over the tests' defaults, by configuration key.</param>
    public static async Task<ReviewHost> StartOnPostgresAsync(IReadOnlyDictionary<string, string>? settings = null) =>
        await StartAsync(await ScratchDatabase.CreatePostgresAsync(), seedDemoPosts: false, settings);

    private static Task<ReviewHost> StartAsync(ScratchDatabase scratch, bool seedDemoPosts, IReadOnlyDictionary<string, string>? settings = null)
    {
        var factory = scratch.Database.Provider == StorageProvider.Postgres
            ? new StandaloneFactory("Data Source=:memory:", seedDemoPosts, scratch.ConnectionString, settings)
            : new StandaloneFactory(scratch.ConnectionString, seedDemoPosts, settings: settings);
        factory.CreateClient().Dispose();
        return Task.FromResult(new ReviewHost(scratch, factory));
    }

    /// <summary>A client with no credentials (cookies kept, redirects not followed).</summary>
    public HttpClient Anonymous() =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the sign-in page, antiforgery token and all.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = TestCredentials.Password)
    {
        var http = Anonymous();
        var response = await SubmitSignInAsync(http, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {userName} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return http;
    }

    public static async Task<HttpResponseMessage> SubmitSignInAsync(HttpClient http, string userName, string password)
    {
        var token = await AntiforgeryTokenAsync(http, "/account/sign-in");
        return await http.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient http, string page)
    {
        var html = await http.GetStringAsync(page);
        return TokenPattern().Match(html) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"No antiforgery token on {page}.");
    }

    /// <summary>A scanned post with its open case, written as the scanner would.</summary>
    public async Task<long> OpenCaseAsync(string postId, string body = "请看附件：机密★10年 关于下季度安排", string board = "demo-board", string action = "Hold", double score = 0.7, string? title = null, string author = "author-1")
    {
        var now = DateTimeOffset.UtcNow;
        var store = new ScanStore(Scratch.Database, Options.Create(new StorageOptions()));
        var marking = Regex.Match(body, "机密★[0-9]+年");
        var reasons = !marking.Success ? "[]" : $$"""[{"rule":"marking-with-period","category":"secrecy-marking","field":"body","start":{{marking.Index}},"length":{{marking.Length}},"weight":0.7,"description":"secrecy marking"}]""";
        var saved = await store.SaveAsync(new ScanWrite
        {
            Post = new PostRecord
            {
                BoardId = board,
                PostId = postId,
                Revision = 0,
                Channel = "Bbs",
                AuthorId = author,
                Title = title,
                Body = body,
                SubmittedAt = now,
                ReceivedAt = now,
            },
            Action = action,
            Score = score,
            ReasonsJson = reasons,
            RuleSetVersion = "test-1",
            ScannedAt = now,
            OpensReviewCase = true,
            Category = "secrecy-marking",
            Verdict = MessageOutbox.Verdict("moderation.verdicts.forum-demo", new PostVerdict
            {
                BoardId = board,
                PostId = postId,
                Action = Enum.Parse<VerdictAction>(action),
                Stage = VerdictStage.Scan,
                Score = score,
                RuleSetVersion = "test-1",
                DecidedAt = now,
            }),
        }, CancellationToken.None);
        return saved.ReviewCaseId!.Value;
    }

    /// <summary>Posts a page's form as the browser would: the fields, with the antiforgery token of <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string action, string formPage, IEnumerable<(string Name, string Value)> fields)
    {
        var token = await AntiforgeryTokenAsync(http, formPage);
        var content = new FormUrlEncodedContent([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), KeyValuePair.Create("__RequestVerificationToken", token)]);
        return await http.PostAsync(action, content);
    }

    /// <summary>One value read straight from the host's database.</summary>
    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Scratch.Database.OpenAsync(CancellationToken.None);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Scratch.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
