using Dapper;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moderation.Contracts;
using Moderation.Hosting;
using Moderation.Hosting.Messaging;
using Moderation.Storage;
using Moderation.Storage.Boards;
using Moderation.Testing;

namespace Moderation.Scanner.Tests;

/// <summary>The scanner module on MassTransit's in-memory test harness, over a scratch SQLite database (or PostgreSQL with <paramref name="onPostgres"/>).</summary>
/// <param name="withModel">
/// Score with the default model too. Specifications of the rule pipeline's mechanics (hold opens a
/// case, remove an incident, redeliveries, edits) pin their outcomes on rule scores and leave it off.
/// </param>
/// <param name="settings">More configuration, over the harness's own.</param>
/// <param name="onPostgres">Over a scratch PostgreSQL database, for what only PostgreSQL refuses (a NUL); tests/run.sh starts the server.</param>
public sealed class ScannerHarness(bool withModel = false, IReadOnlyDictionary<string, string?>? settings = null, bool onPostgres = false) : IAsyncLifetime
{
    private static readonly TimeSpan ConsumeTimeout = TimeSpan.FromSeconds(30);

    private ScratchDatabase _scratch = null!;
    private IHost _host = null!;

    public ITestHarness Harness { get; private set; } = null!;

    public IServiceProvider Services => _host.Services;

    public async Task InitializeAsync()
    {
        _scratch = onPostgres ? await ScratchDatabase.CreatePostgresAsync(migrate: false) : await ScratchDatabase.CreateSqliteAsync(migrate: false);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Sqlite"] = _scratch.ConnectionString,
            // Embedded parts only, whatever servers tests/run.sh exported for the integration tests.
            ["ConnectionStrings:Postgres"] = onPostgres ? _scratch.ConnectionString : "",
            ["ConnectionStrings:RabbitMq"] = "",
            ["ConnectionStrings:Redis"] = "",
            ["Moderation:Storage:SeedDemoData"] = "true",
            ["Moderation:Model:Enabled"] = withModel ? "true" : "false",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddServiceDefaults();
        builder.AddModerationStorage();
        builder.AddScanner();
        builder.AddModerationMessaging((services, configure) => services.AddMassTransitTestHarness(configure));
        _host = builder.Build();
        await _host.StartAsync();
        Harness = _host.Services.GetTestHarness();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _scratch.DisposeAsync();
    }

    public static PostSubmitted Post(string postId, string body, int revision = 0, string boardId = DemoData.ApprovedBoardId, string? title = null) => new()
    {
        BoardId = boardId,
        PostId = postId,
        Revision = revision,
        Channel = Channel.Bbs,
        AuthorId = "author-1",
        Title = title,
        Body = body,
        SubmittedAt = DateTimeOffset.UtcNow.AddSeconds(-5),
    };

    /// <summary>Publishes the post and waits until the scanner has consumed it.</summary>
    public async Task SubmitAsync(PostSubmitted post)
    {
        var messageId = NewId.NextGuid();
        await Harness.Bus.Publish(post, context => context.MessageId = messageId);
        (await ConsumedAsync<PostSubmitted>(m => m.Context.MessageId == messageId))
            .Should().BeTrue($"the scanner should consume post {post.PostId} within {ConsumeTimeout}");
    }

    /// <summary>
    /// Whether a message of <typeparamref name="T"/> (matching <paramref name="filter"/>) was consumed.
    /// The harness stops waiting for messages once the bus has been idle for its inactivity timeout
    /// (1.2 s, counted from the bus's start), and after that answers only from what it has seen. A
    /// process's first scan, or a test beside it training a model, can keep the bus idle that long
    /// on a loaded machine, so the answer is asked for again until the message's own deadline.
    /// </summary>
    public async Task<bool> ConsumedAsync<T>(Func<IReceivedMessage<T>, bool>? filter = null)
        where T : class
    {
        using var deadline = new CancellationTokenSource(ConsumeTimeout);
        bool consumed;
        while (!(consumed = await Harness.Consumed.Any<T>(m => filter == null || filter(m), deadline.Token))
            && !deadline.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }

        return consumed;
    }

    public IReadOnlyList<(Uri Destination, PostVerdict Verdict)> Verdicts(string postId) =>
        [.. Harness.Sent.Select<PostVerdict>(m => m.Context.Message.PostId == postId).Select(m => (m.Context.DestinationAddress!, m.Context.Message))];

    public IReadOnlyList<(Uri Destination, PostRejected Rejection)> Rejections(string postId) =>
        [.. Harness.Sent.Select<PostRejected>(m => m.Context.Message.PostId == postId).Select(m => (m.Context.DestinationAddress!, m.Context.Message))];

    public async Task<long> CountAsync(string table, string postId)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        // Table names come from the tests, never from input.
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE post_id = @postId", new { postId });
    }

    public async Task<T> QuerySingleAsync<T>(string sql, object parameters)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        return await connection.QuerySingleAsync<T>(sql, parameters);
    }
}
