using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moderation.Contracts;
using Moderation.Storage.Boards;
using Moderation.Storage.Database;
using Moderation.Storage.Departments;
using Moderation.Storage.Incidents;
using Moderation.Storage.Notifications;
using Moderation.Storage.Orders;
using Moderation.Storage.Outbox;
using Moderation.Storage.Posts;
using Moderation.Storage.Scans;
using Moderation.Testing;
using Moderation.Verdicts.Divisions;
using Moderation.Verdicts.Incidents;

namespace Moderation.Storage.Tests.Incidents;

/// <summary>Departments, incidents, notifications, purge and orders, specified once and run on each engine.</summary>
public abstract class IncidentStorageContract : IAsyncLifetime
{
    /// <summary>The secret content of the test posts: it must never reach an incident, a notification or survive the purge.</summary>
    private const string SecretSentence = "第三批次的交付地点改为西郊七号仓库";
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private ScratchDatabase _scratch = null!;

    protected abstract Task<ScratchDatabase> CreateDatabaseAsync();

    private static IOptions<StorageOptions> Options { get; } = Microsoft.Extensions.Options.Options.Create(new StorageOptions { PurgeTextAfter = TimeSpan.FromHours(2) });

    private DepartmentRepository Departments => new(_scratch.Database, _time);

    private NotificationOutbox Notifications => new(_scratch.Database, _time);

    private IncidentRepository Incidents => new(_scratch.Database, _time);

    private OrderRepository Orders => new(_scratch.Database, _time, Options);

    public async Task InitializeAsync()
    {
        _scratch = await CreateDatabaseAsync();
        var boards = new BoardRepository(_scratch.Database, _time);
        await DemoData.SeedAsync(boards, CancellationToken.None);
        await boards.SaveOperatorAsync(new ForumOperator { OperatorId = "forum-other", Name = "Other", AmqpUser = "forum-other", VerdictQueue = "moderation.verdicts.forum-other" }, CancellationToken.None);
        await boards.SaveAsync("hz-board", "forum-other", "Hangzhou board", "Bbs", "330106", BoardStatus.Approved, CancellationToken.None);
        await boards.SaveAsync("gd-board", "forum-other", "Shenzhen board", "Bbs", "440305", BoardStatus.Approved, CancellationToken.None);
        (await DemoDepartments.SeedAsync(Departments, CancellationToken.None)).Should().BeGreaterThan(40);
    }

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    [Theory]
    [InlineData("110105", "bj-chaoyang")]
    [InlineData("110199", "bj")]
    [InlineData("330106", "zj-hangzhou-xihu")]
    [InlineData("330381", "zj-wenzhou")]
    [InlineData("440305", "mps")]
    public async Task A_board_division_routes_to_the_department_at_its_code_or_the_nearest_one_above(string code, string department) =>
        (await Departments.RouteAsync(code, CancellationToken.None))!.DepartmentId.Should().Be(department);

    [Fact]
    public async Task Importing_an_edited_department_replaces_its_endpoints_and_keeps_the_rest_of_the_directory()
    {
        var before = (await Departments.ListAsync(CancellationToken.None)).Count;
        var (edited, _) = DepartmentFile.Parse($$"""{"id":"bj-chaoyang","name":"朝阳分局","divisionCode":"110105","parent":"bj","endpoints":[{"kind":"webhook","url":"https://psb.example.cn/hook","secret":"{{Secret}}"}]}""");

        (await Departments.ImportAsync(edited, CancellationToken.None)).Should().BeEmpty();
        (await Departments.ImportAsync(edited, CancellationToken.None)).Should().BeEmpty();

        var routed = (await Departments.RouteAsync("110105", CancellationToken.None))!;
        routed.Name.Should().Be("朝阳分局");
        routed.Endpoints.Where(e => e.Enabled).Should().ContainSingle().Which.Address.Should().Be("https://psb.example.cn/hook");
        (await Departments.ListAsync(CancellationToken.None)).Should().HaveCount(before);
    }

    [Fact]
    public async Task An_import_naming_an_unknown_parent_or_a_taken_code_is_refused_whole()
    {
        var (departments, _) = DepartmentFile.Parse("""
            {"id":"new-one","name":"x","divisionCode":"120101","parent":"tianjin"}
            {"id":"dup","name":"x","divisionCode":"110105","parent":"bj"}
            """);

        var problems = await Departments.ImportAsync(departments, CancellationToken.None);

        problems.Select(p => p.ToString()).Should().BeEquivalentTo(
            "parent: 'new-one' names parent 'tianjin', which is neither in the directory nor being imported",
            "divisionCode: 110105 already belongs to department 'bj-chaoyang' (one department per division code)");
        (await Departments.FindAsync("new-one", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task A_removed_post_opens_an_incident_routed_to_its_department_with_one_notification_per_endpoint_and_no_secret_text()
    {
        await UseWebhookAndMailForChaoyangAsync();

        var incidentId = await RemoveAsync("p-1");

        var incident = (await Incidents.FindAsync(incidentId, CancellationToken.None))!;
        incident.DepartmentId.Should().Be("bj-chaoyang");
        incident.OperatorId.Should().Be(DemoData.OperatorId);
        incident.DivisionCode.Should().Be("110105");
        incident.FingerprintsJson.Should().Contain("fingerprint:bm-2026-017");
        (await Incidents.MeasuresAsync(incidentId, CancellationToken.None)).Should().ContainSingle()
            .Which.Should().Match<MeasureRecord>(m => m.Kind == IncidentMeasures.Removed && m.TakenBy == "scanner" && m.TakenAt == _time.GetUtcNow());
        var notifications = await Notifications.ListForIncidentAsync(incidentId, CancellationToken.None);
        notifications.Select(n => n.Channel).Should().BeEquivalentTo("Webhook", "Email");
        notifications.Select(n => n.DeliveryId).Should().OnlyHaveUniqueItems();
        notifications.Should().AllSatisfy(n => n.State.Should().Be("Pending"));
        (await RowsContainingAsync(SecretSentence, "incidents", "notification_outbox", "incident_measures")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_notification_is_claimed_by_one_claimer_until_its_lease_runs_out()
    {
        await RemoveAsync("p-2");

        var first = await Notifications.ClaimDueAsync(10, TimeSpan.FromMinutes(1), CancellationToken.None);
        var meanwhile = await Notifications.ClaimDueAsync(10, TimeSpan.FromMinutes(1), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1.5));
        var afterLease = await Notifications.ClaimDueAsync(10, TimeSpan.FromMinutes(1), CancellationToken.None);

        first.Should().ContainSingle().Which.Attempts.Should().Be(1);
        meanwhile.Should().BeEmpty();
        afterLease.Should().ContainSingle().Which.Attempts.Should().Be(2);
        (await Notifications.MarkDeliveredAsync(first[0], "late", CancellationToken.None)).Should().BeFalse("the first claim was taken over");
        (await Notifications.MarkDeliveredAsync(afterLease[0], "webhook", CancellationToken.None)).Should().BeTrue();
    }

    [Fact]
    public async Task Concurrent_claimers_never_take_the_same_notification()
    {
        for (var i = 0; i < 40; i++)
        {
            await RemoveAsync($"c-{i}");
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Notifications.ClaimDueAsync(7, TimeSpan.FromMinutes(1), CancellationToken.None))));

        var ids = claims.SelectMany(c => c).Select(n => n.NotificationId).ToList();
        ids.Should().OnlyHaveUniqueItems().And.HaveCount(40);
    }

    [Fact]
    public async Task A_retry_waits_for_its_time_and_a_dead_letter_is_not_claimed_again_until_retried()
    {
        await RemoveAsync("p-3");
        var claimed = (await Notifications.ClaimDueAsync(1, TimeSpan.FromMinutes(1), CancellationToken.None)).Single();
        await Notifications.ScheduleRetryAsync(claimed, _time.GetUtcNow().AddSeconds(30), "503", CancellationToken.None);

        (await Notifications.ClaimDueAsync(1, TimeSpan.FromMinutes(1), CancellationToken.None)).Should().BeEmpty();
        _time.Advance(TimeSpan.FromSeconds(31));
        var again = (await Notifications.ClaimDueAsync(1, TimeSpan.FromMinutes(1), CancellationToken.None)).Single();
        await Notifications.DeadLetterAsync(again, "gave up", CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));

        (await Notifications.ClaimDueAsync(1, TimeSpan.FromMinutes(1), CancellationToken.None)).Should().BeEmpty();
        (await Notifications.ListDeadLetteredAsync(["110000"], 10, CancellationToken.None)).Should().ContainSingle().Which.LastError.Should().Be("gave up");
        (await Notifications.ListDeadLetteredAsync(["330000"], 10, CancellationToken.None)).Should().BeEmpty();
        (await Notifications.RetryDeadLetteredAsync(again.NotificationId, CancellationToken.None)).Should().BeTrue();
        (await Notifications.ClaimDueAsync(1, TimeSpan.FromMinutes(1), CancellationToken.None)).Should().ContainSingle();
    }

    [Fact]
    public async Task An_acknowledgement_is_recorded_once_on_the_notification_and_the_incident()
    {
        var incidentId = await RemoveAsync("p-4");
        var notification = (await Notifications.ListForIncidentAsync(incidentId, CancellationToken.None)).Single();

        await Notifications.AcknowledgeAsync(notification.NotificationId, "officer-chaoyang", "portal", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        await Notifications.AcknowledgeAsync(notification.NotificationId, "someone-else", "receipt", CancellationToken.None);

        var incident = (await Incidents.FindAsync(incidentId, CancellationToken.None))!;
        incident.AcknowledgedBy.Should().Be("officer-chaoyang");
        incident.Status.Should().Be("Acknowledged");
        (await Incidents.MeasuresAsync(incidentId, CancellationToken.None)).Where(m => m.Kind == IncidentMeasures.Acknowledged).Should().ContainSingle();
    }

    [Fact]
    public async Task Once_handed_off_the_posts_text_remains_in_no_text_column_of_any_table()
    {
        var incidentId = await RemoveAsync("p-5", revisions: 2);
        await RemoveAsync("p-6");
        await QueueMessageQuotingAsync($"{{\"body\":\"绝密★长期 {SecretSentence}-p-5\"}}");
        (await Incidents.DueForPurgeAsync(10, CancellationToken.None)).Should().BeEmpty("nothing was handed off yet");
        var claimed = (await Notifications.ClaimDueAsync(10, TimeSpan.FromMinutes(1), CancellationToken.None)).Single(n => n.IncidentId == incidentId);
        await Notifications.MarkDeliveredAsync(claimed, "amqp", CancellationToken.None);

        var due = await Incidents.DueForPurgeAsync(10, CancellationToken.None);
        due.Should().ContainSingle().Which.IncidentId.Should().Be(incidentId);
        await Incidents.PurgeAsync(due[0], "notifier", CancellationToken.None);

        (await RowsContainingAsync(SecretSentence + "-p-5")).Should().BeEmpty();
        (await RowsContainingAsync(SecretSentence + "-p-6")).Should().NotBeEmpty("the other incident was not handed off yet");
        _time.Advance(TimeSpan.FromMinutes(2));
        var waiting = await Notifications.ClaimDueAsync(10, TimeSpan.FromMinutes(1), CancellationToken.None);
        waiting.Should().Contain(n => n.PayloadJson.Contains("\"postId\":\"p-6\"", StringComparison.Ordinal))
            .And.OnlyContain(n => n.PayloadJson.Contains("\"maskedExcerpt\"", StringComparison.Ordinal), "a purge never blanks a report still to be delivered");
        var incident = (await Incidents.FindAsync(incidentId, CancellationToken.None))!;
        incident.PurgedAt.Should().Be(_time.GetUtcNow() - TimeSpan.FromMinutes(2));
        incident.MaskedExcerpt.Should().NotBeEmpty();
        incident.FingerprintsJson.Should().Contain("fingerprint:bm-2026-017");
        (await Incidents.MeasuresAsync(incidentId, CancellationToken.None)).Select(m => m.Kind).Should().Contain([IncidentMeasures.Reported, IncidentMeasures.Purged]);
        (await Incidents.DueForPurgeAsync(10, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_purge_blanks_the_messages_naming_the_post_that_quote_it_and_leaves_the_messages_of_other_posts_alone()
    {
        var incidentId = await RemoveAsync("p-11");
        await RemoveAsync("p-12");
        var own = await QueueMessageAsync($"{{\"postId\":\"p-11\",\"quote\":\"绝密★长期 {SecretSentence}-p-11\"}}", "p-11");
        var other = await QueueMessageAsync($"{{\"postId\":\"p-12\",\"quote\":\"绝密★长期 {SecretSentence}-p-12\"}}", "p-12");
        var takedown = await QueueMessageAsync($"{{\"targets\":[\"p-12\",\"p-11\"],\"reason\":\"绝密★长期 {SecretSentence}-p-11\"}}", "p-12", "p-11");
        var claimed = (await Notifications.ClaimDueAsync(10, TimeSpan.FromMinutes(1), CancellationToken.None)).Single(n => n.IncidentId == incidentId);
        await Notifications.MarkDeliveredAsync(claimed, "amqp", CancellationToken.None);

        await Incidents.PurgeAsync((await Incidents.DueForPurgeAsync(10, CancellationToken.None)).Single(), "notifier", CancellationToken.None);

        (await PayloadAsync(own)).Should().Be(IncidentRepository.PurgedPayload);
        (await PayloadAsync(takedown)).Should().Be(IncidentRepository.PurgedPayload, "a message naming several posts may quote any of them");
        (await PayloadAsync(other)).Should().Contain($"{SecretSentence}-p-12", "the other post is not handed off yet, and its message is not this post's");
        (await RowsContainingAsync(SecretSentence + "-p-11")).Should().BeEmpty();
        (await Incidents.MeasuresAsync(incidentId, CancellationToken.None)).Single(m => m.Kind == IncidentMeasures.Purged).Detail
            .Should().EndWith("2 queued message(s) quoting them blanked.");
    }

    [Fact]
    public async Task The_purge_reads_the_outbox_through_its_indexes_never_a_scan_of_every_message()
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        var sql = $"UPDATE message_outbox SET payload_json = 'x' WHERE outbox_id IN ({IncidentRepository.MessagesThatMayQuoteSql}) AND payload_json LIKE '%secret%'";
        var args = new { BoardId = DemoData.ApprovedBoardId, PostId = "p-1" };
        IEnumerable<string> plan;
        if (_scratch.Database.Provider == StorageProvider.Postgres)
        {
            // The tables are nearly empty, so the planner would rightly scan them: with scans priced
            // out, any scan left in the plan is one no index can replace.
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("SET LOCAL enable_seqscan = off", transaction: transaction);
            plan = await connection.QueryAsync<string>("EXPLAIN " + sql, args, transaction);
        }
        else
        {
            plan = (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, args)).Select(r => r.Detail);
        }

        plan.Should().NotBeEmpty().And.NotContain(line => line.Contains("Seq Scan on message_outbox ", StringComparison.Ordinal) || line.Trim() == "SCAN message_outbox");
    }

    [Fact]
    public async Task An_incident_never_handed_off_is_purged_at_its_purge_time()
    {
        await RemoveAsync("p-7");

        _time.Advance(TimeSpan.FromHours(1));
        (await Incidents.DueForPurgeAsync(10, CancellationToken.None)).Should().BeEmpty();
        _time.Advance(TimeSpan.FromHours(1.1));
        (await Incidents.DueForPurgeAsync(10, CancellationToken.None)).Should().ContainSingle();
    }

    [Fact]
    public async Task Officers_see_the_incidents_of_their_own_area_only()
    {
        await RemoveAsync("p-8");
        await RemoveAsync("hz-1", board: "hz-board");

        (await Incidents.ListAsync("110000", 10, CancellationToken.None)).Select(i => i.PostId).Should().Equal("p-8");
        (await Incidents.ListAsync("330100", 10, CancellationToken.None)).Select(i => i.PostId).Should().Equal("hz-1");
        (await Incidents.ListAsync("330102", 10, CancellationToken.None)).Should().BeEmpty();
        (await Incidents.ListAsync(DivisionCode.Central, 10, CancellationToken.None)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_takedown_by_document_reaches_every_matching_post_in_the_area_and_completes_once_per_target()
    {
        await RemoveAsync("p-9");
        await RemoveAsync("p-10");
        await RemoveAsync("hz-2", board: "hz-board");

        var issued = await Orders.IssueTakedownAsync(new TakedownIssue
        {
            Area = "110000",
            Reason = "Art. 15",
            Deadline = _time.GetUtcNow().AddHours(4),
            IssuedBy = "officer-bj",
            DocumentIds = ["bm-2026-017"],
        }, (queue, order) => new OutboundMessage(queue, nameof(TakedownRequested), System.Text.Json.JsonSerializer.Serialize(order)), CancellationToken.None);

        issued.Problem.Should().BeNull();
        issued.Order!.Targets.Select(t => t.PostId).Should().BeEquivalentTo("p-9", "p-10");
        issued.Messages.Should().ContainSingle().Which.Message.Destination.Should().Be("moderation.verdicts.forum-demo");
        var orderId = issued.Order.OrderId;
        var done = new TakedownCompleted { OrderId = orderId, BoardId = DemoData.ApprovedBoardId, PostId = "p-9", CompletedAt = _time.GetUtcNow() };
        (await Orders.CompleteTakedownTargetAsync(done, "forum-other", CancellationToken.None)).Should().BeFalse("another operator cannot complete it");
        (await Orders.CompleteTakedownTargetAsync(done, DemoData.OperatorId, CancellationToken.None)).Should().BeTrue();
        (await Orders.CompleteTakedownTargetAsync(done, DemoData.OperatorId, CancellationToken.None)).Should().BeTrue();
        (await Orders.FindTakedownAsync(orderId, CancellationToken.None))!.Status.Should().Be(OrderStatus.Open);
        await Orders.CompleteTakedownTargetAsync(done with { PostId = "p-10" }, DemoData.OperatorId, CancellationToken.None);
        (await Orders.FindTakedownAsync(orderId, CancellationToken.None))!.Status.Should().Be(OrderStatus.Completed);
        _time.Advance(TimeSpan.FromHours(5));
        (await Orders.FlagOverdueAsync(CancellationToken.None)).Should().BeEmpty("a completed order is never overdue");
    }

    [Fact]
    public async Task A_takedown_of_a_post_outside_the_officers_area_is_refused_and_an_open_one_is_flagged_overdue_once()
    {
        await RemoveAsync("hz-3", board: "hz-board");
        await RemoveAsync("p-11");
        static OutboundMessage Message(string queue, TakedownRequested order) => new(queue, nameof(TakedownRequested), "{}");

        var foreign = await Orders.IssueTakedownAsync(new TakedownIssue { Area = "110000", Reason = "x", Deadline = _time.GetUtcNow().AddHours(1), IssuedBy = "officer-bj", Posts = [("hz-board", "hz-3")] }, Message, CancellationToken.None);
        var own = await Orders.IssueTakedownAsync(new TakedownIssue { Area = "110000", Reason = "x", Deadline = _time.GetUtcNow().AddHours(1), IssuedBy = "officer-bj", Posts = [(DemoData.ApprovedBoardId, "p-11")] }, Message, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(2));

        foreign.Order.Should().BeNull();
        foreign.Problem.Should().Be("targets: no post 'hz-3' on board 'hz-board' within your area 110000");
        (await Orders.FlagOverdueAsync(CancellationToken.None)).Should().ContainSingle().Which.OrderId.Should().Be(own.Order!.OrderId);
        (await Orders.FlagOverdueAsync(CancellationToken.None)).Should().BeEmpty();
        (await Orders.FindTakedownAsync(own.Order.OrderId, CancellationToken.None))!.Status.Should().Be(OrderStatus.Overdue);
    }

    [Fact]
    public async Task A_suspension_is_recorded_on_a_rectification_only_once_it_is_overdue_and_only_once()
    {
        var order = (await Orders.IssueRectificationAsync("110000", DemoData.ApprovedBoardId, "Appoint a security officer", _time.GetUtcNow().AddDays(7), "officer-bj", CancellationToken.None))!;
        (await Orders.IssueRectificationAsync("330000", DemoData.ApprovedBoardId, "x", _time.GetUtcNow().AddDays(7), "officer-zj", CancellationToken.None)).Should().BeNull();

        (await Orders.RecordBoardSuspendedAsync(order.OrderId, "officer-bj", CancellationToken.None)).Should().BeFalse("the deadline has not passed");
        _time.Advance(TimeSpan.FromDays(8));
        (await Orders.RecordBoardSuspendedAsync(order.OrderId, "officer-bj", CancellationToken.None)).Should().BeTrue();
        (await Orders.RecordBoardSuspendedAsync(order.OrderId, "officer-bj", CancellationToken.None)).Should().BeFalse("it is recorded once");

        var recorded = (await Orders.FindRectificationAsync(order.OrderId, CancellationToken.None))!;
        (recorded.Status, recorded.SuspendedBy).Should().Be((OrderStatus.BoardSuspended, "officer-bj"));
        (await new BoardRepository(_scratch.Database, _time).FindAsync(DemoData.ApprovedBoardId, CancellationToken.None))!.Status
            .Should().Be(BoardStatus.Approved, "the board's status is the registration workflow's to change, with its history");
    }

    private async Task UseWebhookAndMailForChaoyangAsync()
    {
        var (edited, problems) = DepartmentFile.Parse($$"""{"id":"bj-chaoyang","name":"朝阳分局","divisionCode":"110105","parent":"bj","endpoints":[{"kind":"webhook","url":"https://psb.example.cn/hook","secret":"{{Secret}}"},{"kind":"email","address":"duty@psb.example.cn"}]}""");
        problems.Should().BeEmpty();
        (await Departments.ImportAsync(edited, CancellationToken.None)).Should().BeEmpty();
    }

    /// <summary>Saves a post quoting a protected document with the Remove verdict of a scan, as the scanner does.</summary>
    private async Task<long> RemoveAsync(string postId, string board = DemoData.ApprovedBoardId, int revisions = 1)
    {
        var scans = new ScanStore(_scratch.Database, Options, time: _time);
        ScanSaved? saved = null;
        for (var revision = 0; revision < revisions; revision++)
        {
            saved = await scans.SaveAsync(new ScanWrite
            {
                Post = new PostRecord
                {
                    BoardId = board,
                    PostId = postId,
                    Revision = revision,
                    Channel = "Bbs",
                    AuthorId = "author-1",
                    Title = "会议纪要",
                    Body = $"绝密★长期 {SecretSentence}-{postId}",
                    SubmittedAt = _time.GetUtcNow(),
                    ReceivedAt = _time.GetUtcNow(),
                },
                Action = "Remove",
                Score = 0.98,
                ReasonsJson = """[{"rule":"fingerprint:bm-2026-017","category":"fingerprint","field":"body","start":6,"length":20}]""",
                RuleSetVersion = "test-1",
                ScannedAt = _time.GetUtcNow(),
                Incident = new IncidentOpening
                {
                    BoardId = board,
                    PostId = postId,
                    Revision = revision,
                    Source = "Scan",
                    OpenedBy = "scanner",
                    Score = 0.98,
                    MaskedExcerpt = "绝密★长期 ＊＊＊＊＊＊＊＊",
                    Rules = [new IncidentRule { Rule = "fingerprint:bm-2026-017", Category = "fingerprint", Weight = 0.95 }],
                    Fingerprints = ["fingerprint:bm-2026-017", "post-simhash:0123456789abcdef"],
                    DetectedAt = _time.GetUtcNow(),
                    RemovalDetail = "Removed by the automatic scan.",
                },
                Verdict = new OutboundMessage("moderation.verdicts.forum-demo", "PostVerdict", $$"""{"postId":"{{postId}}","action":"Remove"}"""),
            }, CancellationToken.None);
        }

        return saved!.IncidentId!.Value;
    }

    private async Task QueueMessageQuotingAsync(string payload)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(
            "INSERT INTO message_outbox (destination, message_type, payload_json, created_at) VALUES ('q', 'PostSubmitted', @payload, @now)",
            new { payload, now = _time.GetUtcNow() });
    }

    /// <summary>Writes a message to a forum naming <paramref name="postIds"/> of the approved board, as the stores do.</summary>
    private async Task<long> QueueMessageAsync(string payload, params string[] postIds)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var message = new OutboundMessage("moderation.verdicts.forum-demo", "TakedownRequested", payload)
        {
            Posts = [.. postIds.Select(p => new PostKey(DemoData.ApprovedBoardId, p))],
        };
        var outboxId = await OutboxTable.InsertClaimedAsync(connection, transaction, message, _time.GetUtcNow(), TimeSpan.FromMinutes(1), CancellationToken.None);
        await transaction.CommitAsync();
        return outboxId;
    }

    private async Task<string> PayloadAsync(long outboxId)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        return await connection.QuerySingleAsync<string>("SELECT payload_json FROM message_outbox WHERE outbox_id = @outboxId", new { outboxId });
    }

    /// <summary>Every "table.column" of text type (of the given tables, or all) holding <paramref name="text"/>: a search of the whole database.</summary>
    private async Task<IReadOnlyList<string>> RowsContainingAsync(string text, params string[] tables)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        IEnumerable<(string Table, string Column)> columns;
        if (_scratch.Database.Provider == StorageProvider.Postgres)
        {
            columns = await connection.QueryAsync<(string, string)>("""
                SELECT table_name, column_name FROM information_schema.columns
                 WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
                """);
        }
        else
        {
            columns = await connection.QueryAsync<(string, string)>("""
                SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND upper(p.type) IN ('TEXT', '')
                """);
        }

        var hits = new List<string>();
        foreach (var (table, column) in columns.Where(c => tables.Length == 0 || tables.Contains(c.Table)))
        {
            // Names come from the catalogue above, never from input; quoted for safety.
            var found = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM \"{table}\" WHERE CAST(\"{column}\" AS text) LIKE @pattern", new { pattern = $"%{text}%" });
            if (found > 0)
            {
                hits.Add($"{table}.{column}");
            }
        }

        return hits;
    }
}
