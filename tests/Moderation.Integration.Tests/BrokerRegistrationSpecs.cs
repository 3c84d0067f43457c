using Moderation.Contracts;
using Moderation.Integration.Tests.Support;
using Moderation.Onboarding;
using Moderation.Storage.Boards;
using RabbitMQ.Client.Exceptions;
using static Moderation.Integration.Tests.Support.ForumClient;

namespace Moderation.Integration.Tests;

/// <summary>
/// Onboarding and enforcement on the real broker (Art. 10): operators are registered through the Api
/// (<see cref="Registrar"/>), their users issued, rotated and revoked through the management API, and
/// what a user may do is enforced by the broker (its own user_id, its own verdict queue) and by the
/// scanner (its own, approved boards).
/// </summary>
public sealed class BrokerRegistrationSpecs : PipelineSpecs
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task An_issued_user_publishes_for_its_operators_board_and_reads_its_verdicts_with_only_the_rights_it_needs()
    {
        await Pipeline.StartScannerAsync();
        var op = await Pipeline.CreateOperatorAsync("a");
        var credentials = op.Credentials;

        await using var forum = await Pipeline.ConnectForumAsync(credentials);
        await forum.PublishAsync(Posts.Create(op.BoardId, "first", "周末一起去爬香山，有人去吗？"));

        var verdicts = await forum.ReadAsync(op.VerdictQueue, r => r.Count >= 1, Patience);
        var verdict = verdicts.Should().ContainSingle(Pipeline.ServiceLogs).Subject;
        Text(verdict, "postId").Should().Be("first");
        Text(verdict, "action").Should().Be(nameof(VerdictAction.Publish));
        credentials.BrokerUser.Should().StartWith(op.OperatorId + ".");
        credentials.BrokerPassword!.Length.Should().BeGreaterThanOrEqualTo(32);
        credentials.PreviousValidUntil.Should().BeNull();

        var management = ManagementApi();
        var permissions = await management.PermissionsAsync(credentials.BrokerUser!, CancellationToken.None);
        permissions.Should().Be((
            @"^moderation\.verdicts\." + op.OperatorId + "$",
            @"^(Moderation\.Contracts:PostSubmitted|Moderation\.Contracts:PostWithdrawn|Moderation\.Contracts:TakedownCompleted)$",
            @"^moderation\.verdicts\." + op.OperatorId + "$"));
        (await management.TopicPermissionsAsync(credentials.BrokerUser!, CancellationToken.None)).Select(t => (t.Exchange, t.Write, t.Read)).Should().BeEquivalentTo(new[]
        {
            ("Moderation.Contracts:PostSubmitted", "^$", "^$"),
            ("Moderation.Contracts:PostWithdrawn", "^$", "^$"),
            ("Moderation.Contracts:TakedownCompleted", "^$", "^$"),
        });
    }

    [Fact]
    public async Task Posts_for_unknown_unapproved_suspended_revoked_or_foreign_boards_are_rejected_with_the_reason()
    {
        await Pipeline.StartScannerAsync();
        var a = await Pipeline.CreateOperatorAsync("a");
        var b = await Pipeline.CreateOperatorAsync("b");
        var (boardA, boardB) = (a.BoardId, b.BoardId);
        using (var registrar = await Pipeline.RegistrarAsync())
        {
            await registrar.Client.ApplyAsync(Registrar.Form($"{boardA}-{BoardStatus.Submitted}", a.OperatorId));
            foreach (var (status, transitions) in new[] { (BoardStatus.Suspended, new[] { "Suspend" }), (BoardStatus.Revoked, new[] { "Suspend", "Revoke" }) })
            {
                var applicationId = await registrar.ApprovedAsync($"{boardA}-{status}", a.OperatorId);
                foreach (var transition in transitions)
                {
                    await registrar.Client.DecideAsync(applicationId, transition, $"{transition} for the test");
                }
            }
        }

        await using var forum = await Pipeline.ConnectForumAsync(a.Credentials);

        await forum.PublishAsync(Posts.Create(boardA, "approved", "周末一起去爬香山，有人去吗？"));
        await forum.PublishAsync(Posts.Create("no-such-board", "unknown", "hello"));
        await forum.PublishAsync(Posts.Create($"{boardA}-{BoardStatus.Submitted}", "unapproved", "hello"));
        await forum.PublishAsync(Posts.Create($"{boardA}-{BoardStatus.Suspended}", "suspended", "hello"));
        await forum.PublishAsync(Posts.Create($"{boardA}-{BoardStatus.Revoked}", "revoked", "hello"));
        await forum.PublishAsync(Posts.Create(boardB, "foreign", "hello"));

        var notices = await forum.ReadAsync(a.VerdictQueue, r => r.Count >= 6, Patience);
        notices.Should().HaveCount(6, Pipeline.ServiceLogs);
        var byPost = notices.ToDictionary(n => Text(n, "postId"));
        Text(byPost["approved"], "action").Should().Be(nameof(VerdictAction.Publish));
        Rejection(byPost["unknown"]).Should().Be((nameof(RejectionCode.UnknownBoard), true));
        Text(byPost["unknown"], "reason").Should().Contain("'no-such-board' is not registered");
        Rejection(byPost["unapproved"]).Should().Be((nameof(RejectionCode.BoardNotApproved), true));
        Text(byPost["unapproved"], "reason").Should().Contain("is not approved yet");
        Rejection(byPost["suspended"]).Should().Be((nameof(RejectionCode.BoardSuspended), true));
        Text(byPost["suspended"], "reason").Should().Contain("is suspended");
        Rejection(byPost["revoked"]).Should().Be((nameof(RejectionCode.BoardSuspended), true));
        Text(byPost["revoked"], "reason").Should().Contain("is revoked");
        Rejection(byPost["foreign"]).Should().Be((nameof(RejectionCode.NotBoardOperator), true));
        Text(byPost["foreign"], "reason").Should().Contain("is not run by the sender");
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans")).Should().Be(1, "only the approved board's post is scanned");
        (await forum.CountAsync(b.VerdictQueue)).Should().Be(0, "the other operator hears nothing of it");
    }

    [Fact]
    public async Task The_broker_refuses_a_post_with_another_operators_user_id()
    {
        await Pipeline.StartScannerAsync();
        var a = await Pipeline.CreateOperatorAsync("a");
        var b = await Pipeline.CreateOperatorAsync("b");
        await using var forum = await Pipeline.ConnectForumAsync(a.Credentials);

        var forged = () => forum.PublishRawAsync(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Posts.Create(b.BoardId, "forged", "hello"), WireFormat.Options), userId: b.Credentials.BrokerUser);

        (await forged.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("PRECONDITION_FAILED").And.Contain("user_id");
        await Task.Delay(TimeSpan.FromSeconds(2));
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM posts")).Should().Be(0, "the broker never delivered it");
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM rejections")).Should().Be(0);
    }

    [Fact]
    public async Task The_broker_refuses_an_operator_reading_another_operators_verdict_queue()
    {
        await Pipeline.StartScannerAsync();
        var a = await Pipeline.CreateOperatorAsync("a");
        var b = await Pipeline.CreateOperatorAsync("b");
        await using var owner = await Pipeline.ConnectForumAsync(b.Credentials);
        await using var intruder = await Pipeline.ConnectForumAsync(a.Credentials);
        await owner.PublishAsync(Posts.Create(b.BoardId, "private", "周末一起去爬香山，有人去吗？"));
        await WaitForAsync(async () => await owner.CountAsync(b.VerdictQueue) == 1);

        var peek = () => intruder.GetOneAsync(b.VerdictQueue);

        (await peek.Should().ThrowAsync<OperationInterruptedException>()).Which.ShutdownReason!.ReplyCode.Should().Be(403);
        (await owner.CountAsync(b.VerdictQueue)).Should().Be(1, "the verdict is still there for its operator");
        (await owner.GetOneAsync(b.VerdictQueue)).Should().NotBeNull();
    }

    [Fact]
    public async Task During_a_rotations_overlap_the_old_and_the_new_user_both_publish_then_the_old_one_is_deleted_and_disconnected()
    {
        await Pipeline.StartScannerAsync();
        var op = await Pipeline.CreateOperatorAsync("a");
        var boardId = op.BoardId;
        var accounts = Pipeline.BrokerAccounts();
        var old = op.Credentials;
        using var registrar = await Pipeline.RegistrarAsync();
        await using var oldForum = await Pipeline.ConnectForumAsync(old);
        await oldForum.PublishAsync(Posts.Create(boardId, "before", "周末一起去爬香山，有人去吗？"));
        (await oldForum.ReadAsync(op.VerdictQueue, r => r.Count >= 1, Patience)).Should().ContainSingle(Pipeline.ServiceLogs);

        var overlap = TimeSpan.FromSeconds(8);
        var rotated = await registrar.Client.RotateCredentialsAsync(op.ApplicationId, overlap);
        await using var newForum = await Pipeline.ConnectForumAsync(rotated);
        await newForum.PublishAsync(Posts.Create(boardId, "by-new", "周末一起去爬香山，有人去吗？"));
        await oldForum.PublishAsync(Posts.Create(boardId, "by-old", "周末一起去爬香山，有人去吗？"));

        rotated.BrokerUser.Should().NotBe(old.BrokerUser);
        rotated.PreviousValidUntil.Should().BeCloseTo(DateTimeOffset.UtcNow + overlap, TimeSpan.FromSeconds(5));
        var during = await newForum.ReadAsync(op.VerdictQueue, r => r.Count >= 2, Patience);
        during.Select(v => (Text(v, "postId"), Text(v, "action"))).Should().BeEquivalentTo(new[] { ("by-new", "Publish"), ("by-old", "Publish") }, Pipeline.ServiceLogs);

        // The old broker user's overlap runs from when the broker made the new user, a moment after the API key's.
        var oldUserExpires = await Pipeline.ScalarAsync<DateTime>("SELECT expires_at FROM broker_users WHERE user_name = @user", new { user = old.BrokerUser });
        var untilExpired = oldUserExpires - DateTime.UtcNow + TimeSpan.FromMilliseconds(200);
        await Task.Delay(untilExpired > TimeSpan.Zero ? untilExpired : TimeSpan.Zero);
        // Past the overlap but before the sweep: the old user's connection is still open, but it no longer counts as the operator.
        await oldForum.PublishAsync(Posts.Create(boardId, "too-late", "周末一起去爬香山，有人去吗？"));
        await using var administrator = await ForumClient.ConnectAsync(Pipeline.VirtualHost.ServiceUrl);
        var late = await administrator.ReadAsync("moderation.rejected", r => r.Count >= 1, Patience);
        Text(late.Should().ContainSingle(Pipeline.ServiceLogs).Subject, "code").Should().Be(nameof(RejectionCode.NotBoardOperator));

        (await accounts.RetireExpiredAsync(CancellationToken.None)).Should().Be(1);
        await WaitForAsync(() => Task.FromResult(!oldForum.IsOpen));
        oldForum.IsOpen.Should().BeFalse("the old user's connection is closed");
        await FluentActions.Awaiting(() => Pipeline.ConnectForumAsync(old)).Should().ThrowAsync<BrokerUnreachableException>("the old user is deleted");
        newForum.IsOpen.Should().BeTrue();
        await newForum.PublishAsync(Posts.Create(boardId, "after", "周末一起去爬香山，有人去吗？"));
        Text((await newForum.ReadAsync(op.VerdictQueue, r => r.Count >= 1, Patience)).Should().ContainSingle(Pipeline.ServiceLogs).Subject, "postId").Should().Be("after");
        (await accounts.RetireExpiredAsync(CancellationToken.None)).Should().Be(0, "a user is retired once");
    }

    [Fact]
    public async Task Revoking_an_operators_last_board_deletes_every_user_of_the_operator_and_closes_their_connections_at_once()
    {
        var op = await Pipeline.CreateOperatorAsync("a");
        var other = await Pipeline.CreateOperatorAsync("b");
        using var registrar = await Pipeline.RegistrarAsync();
        var first = op.Credentials;
        var second = await registrar.Client.RotateCredentialsAsync(op.ApplicationId, TimeSpan.FromHours(1));
        var bystander = other.Credentials;
        await using var connected = await Pipeline.ConnectForumAsync(first);
        await using var otherForum = await Pipeline.ConnectForumAsync(bystander);

        await registrar.Client.DecideAsync(op.ApplicationId, "Suspend", "leak not reported");
        await registrar.Client.DecideAsync(op.ApplicationId, "Revoke", "the operator's only board is revoked");

        await WaitForAsync(() => Task.FromResult(!connected.IsOpen));
        connected.IsOpen.Should().BeFalse("a revoked user's open connection is closed");
        await FluentActions.Awaiting(() => Pipeline.ConnectForumAsync(first)).Should().ThrowAsync<BrokerUnreachableException>();
        await FluentActions.Awaiting(() => Pipeline.ConnectForumAsync(second)).Should().ThrowAsync<BrokerUnreachableException>();
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM broker_users WHERE operator_id = @id AND retired_at IS NULL", new { id = op.OperatorId })).Should().Be(0);
        otherForum.IsOpen.Should().BeTrue("another operator is untouched");
        await using var stillThere = await Pipeline.ConnectForumAsync(bystander);
    }

    private static (string Code, bool HasReason) Rejection(System.Text.Json.JsonElement notice) =>
        (Text(notice, "code"), Text(notice, "reason").Length > 0);

    private RabbitMqManagementApi ManagementApi() =>
        new(new HttpClient(), BrokerManagementEndpoint.Parse(Moderation.Testing.TestServers.RabbitMqManagement, Pipeline.VirtualHost.ServiceUrl, virtualHost: null));

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }
}
