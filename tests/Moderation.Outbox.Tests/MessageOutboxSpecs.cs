using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moderation.Contracts;
using Moderation.Hosting.Messaging;
using Moderation.Storage.Boards;
using Moderation.Storage.Database;
using Moderation.Storage.Outbox;
using Moderation.Storage.Posts;
using Moderation.Storage.Rejections;
using Moderation.Storage.Scans;

namespace Moderation.Outbox.Tests;

public sealed class MessageOutboxSpecs : IAsyncLifetime
{
    private readonly OutboxHarness _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private MessageOutbox Outbox => _host.Services.GetRequiredService<MessageOutbox>();

    private OutboxTable Table => _host.Services.GetRequiredService<OutboxTable>();

    [Fact]
    public async Task The_message_sent_after_commit_is_the_object_that_was_stored()
    {
        var verdict = new PostVerdict
        {
            BoardId = DemoData.ApprovedBoardId,
            PostId = "same-1",
            Action = VerdictAction.Hold,
            Stage = VerdictStage.Scan,
            Score = 0.7,
            RuleSetVersion = "test-1",
            DecidedAt = _host.Time.GetUtcNow(),
        };
        var message = MessageOutbox.Verdict("moderation.verdicts.forum-demo", verdict);
        var saved = await _host.Services.GetRequiredService<ScanStore>().SaveAsync(Scan("same-1", message), CancellationToken.None);

        var sent = await Outbox.TryDispatchAsync(saved.VerdictOutboxId!.Value, message, CancellationToken.None);

        sent.Should().BeTrue();
        _host.Harness.Sent.Select<PostVerdict>().Should().ContainSingle().Which.Context.Message.Should().BeSameAs(verdict, "the object is sent as it is, not read back from its JSON");
        // Stored as every earlier version stored it, so a relay of any version reads the row.
        (await StoredAsync(saved.VerdictOutboxId.Value)).Should().Be((nameof(PostVerdict), JsonSerializer.Serialize(verdict, WireFormat.Options)));
        (await Table.CountUnsentAsync(CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task A_row_its_sender_never_sent_is_read_back_from_the_table_and_sent_by_the_relay()
    {
        var notice = await RecordUnsentRejectionAsync("gone-1");

        _host.Time.Advance(Table.ClaimDuration + TimeSpan.FromSeconds(2));

        (await WaitUntilAllSentAsync()).Should().BeTrue("the host's relay takes the row over once its claim has run out");
        _host.Harness.Sent.Select<PostRejected>().Should().ContainSingle().Which.Context.Message.Should().BeEquivalentTo(notice);
    }

    [Fact]
    public async Task A_relayed_row_continues_the_trace_of_the_work_that_wrote_it()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Moderation.Outbox" or "MassTransit" or WriterSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var writers = new ActivitySource(WriterSource);
        ActivityTraceId written;
        using (var writer = writers.StartActivity("scan whose process died before sending"))
        {
            written = writer!.TraceId;
            await RecordUnsentRejectionAsync("gone-traced");
        }

        _host.Time.Advance(Table.ClaimDuration + TimeSpan.FromSeconds(2));
        (await WaitUntilAllSentAsync()).Should().BeTrue();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!stopped.Any(a => a.Source.Name == "MassTransit" && a.TraceId == written) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        stopped.Should().Contain(a => a.Source.Name == "Moderation.Outbox" && a.DisplayName == "outbox relay" && a.TraceId == written, "the relay's span is a child of the writer's, read from the row");
        stopped.Should().Contain(a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Producer && a.TraceId == written, "the relayed send carries the writer's trace to the forum");
    }

    private const string WriterSource = "Moderation.Outbox.Tests";

    /// <summary>A rejection's row as it sits in the table when its sender committed it and died before sending.</summary>
    private async Task<PostRejected> RecordUnsentRejectionAsync(string postId)
    {
        var notice = new PostRejected
        {
            BoardId = "no-such-board",
            PostId = postId,
            Code = RejectionCode.UnknownBoard,
            Reason = "Board 'no-such-board' is not registered.",
            RejectedAt = _host.Time.GetUtcNow(),
        };
        await _host.Services.GetRequiredService<RejectionStore>().RecordAsync(new RejectionWrite
        {
            DedupeKey = postId,
            BoardId = notice.BoardId,
            PostId = notice.PostId,
            Code = notice.Code.ToString(),
            Reason = notice.Reason,
            RejectedAt = notice.RejectedAt,
            Notice = new OutboundMessage("moderation.rejected", nameof(PostRejected), JsonSerializer.Serialize(notice, WireFormat.Options)),
        }, CancellationToken.None);
        return notice;
    }

    [Fact]
    public async Task A_host_whose_modules_each_add_the_outbox_runs_one_relay()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddMessageOutbox();
        builder.AddMessageOutbox();

        builder.Services.Where(s => s.ImplementationType == typeof(OutboxRelay)).Should().ContainSingle();
        builder.Services.Where(s => s.ServiceType == typeof(MessageOutbox)).Should().ContainSingle();
    }

    private async Task<bool> WaitUntilAllSentAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await Table.CountUnsentAsync(CancellationToken.None) == 0)
            {
                return true;
            }

            // The relay's timer may start after the first advance: keep the clock moving, slowly
            // enough that a claim (30 s) never runs out while a pass is still sending.
            _host.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100);
        }

        return false;
    }

    private async Task<(string MessageType, string PayloadJson)> StoredAsync(long outboxId)
    {
        await using var connection = await _host.Services.GetRequiredService<ModerationDatabase>().OpenAsync(CancellationToken.None);
        return await connection.QuerySingleAsync<(string, string)>("SELECT message_type, payload_json FROM message_outbox WHERE outbox_id = @outboxId", new { outboxId });
    }

    private ScanWrite Scan(string postId, OutboundMessage verdict) => new()
    {
        Post = new PostRecord
        {
            BoardId = DemoData.ApprovedBoardId,
            PostId = postId,
            Revision = 0,
            Channel = "Bbs",
            AuthorId = "author-1",
            Body = "正文",
            SubmittedAt = _host.Time.GetUtcNow(),
            ReceivedAt = _host.Time.GetUtcNow(),
        },
        Action = "Hold",
        Score = 0.7,
        ReasonsJson = "[]",
        RuleSetVersion = "test-1",
        ScannedAt = _host.Time.GetUtcNow(),
        Verdict = verdict,
    };
}
