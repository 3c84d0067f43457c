using System.Net.Http.Json;
using System.Text.Json;
using Moderation.Contracts;
using Moderation.Integration.Tests.Support;
using static Moderation.Integration.Tests.Support.ForumClient;

namespace Moderation.Integration.Tests;

/// <summary>
/// The whole path of a board on the real Api, Scanner and broker (Art. 10): the organizer applies,
/// the officer with jurisdiction approves, the organizer collects the credentials once, the forum
/// publishes as its issued broker user and hears the verdict on its own queue; once the officer
/// suspends the board, its next post is rejected with the reason.
/// </summary>
public sealed class BoardRegistrationSpecs : PipelineSpecs
{
    private const string Clean = "周末一起去爬香山，有人去吗？";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task An_approved_board_publishes_with_its_collected_broker_user_and_once_suspended_its_next_post_is_rejected_with_the_reason()
    {
        await Pipeline.StartScannerAsync();
        using var registrar = await Pipeline.RegistrarAsync();
        var operatorId = Pipeline.OperatorId + "-new";
        var boardId = operatorId + "-board";

        var applicationId = await registrar.Client.ApplyAsync(Registrar.Form(boardId, operatorId));
        await registrar.Client.DecideAsync(applicationId, "StartReview", "taken up");
        await registrar.Client.DecideAsync(applicationId, "Approve", "security management system and user agreement in order");
        var credentials = await registrar.Client.CollectCredentialsAsync(applicationId);
        var again = () => registrar.Client.CollectCredentialsAsync(applicationId);

        (await again.Should().ThrowAsync<HttpRequestException>("credentials are shown once")).Which.Message.Should().Contain("409").And.Contain("rotate them");
        credentials.OperatorId.Should().Be(operatorId);
        credentials.VerdictQueue.Should().Be($"moderation.verdicts.{operatorId}");
        credentials.BrokerUser.Should().StartWith(operatorId + ".");
        await using var forum = await Pipeline.ConnectForumAsync(credentials);
        await forum.PublishAsync(Posts.Create(boardId, "first", Clean));
        var verdict = (await ReadAsync(forum, credentials.VerdictQueue, "first")).Should().ContainSingle(Pipeline.ServiceLogs).Subject;
        Text(verdict, "action").Should().Be(nameof(VerdictAction.Publish));

        await registrar.Client.DecideAsync(applicationId, "Suspend", "rectification overdue");
        await forum.PublishAsync(Posts.Create(boardId, "second", Clean));

        var rejection = (await ReadAsync(forum, credentials.VerdictQueue, "second")).Should().ContainSingle(Pipeline.ServiceLogs).Subject;
        Text(rejection, "code").Should().Be(nameof(RejectionCode.BoardSuspended));
        Text(rejection, "reason").Should().Contain($"'{boardId}' is suspended");
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans WHERE board_id = @boardId", new { boardId })).Should().Be(1, "the suspended board's post is not scanned");
        using var organizer = await Moderation.Onboarding.RegistrationClient.SignInAsync(Pipeline.Api.BaseAddress, "org-a", Moderation.Testing.TestCredentials.Password);
        var notices = await organizer.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/registrations/notices", UriKind.Relative));
        notices.EnumerateArray().Select(n => n.GetProperty("subject").GetString()).Should().Contain($"Board {boardId}: Suspended");
    }

    /// <summary>The messages about one post. Delivery is at least once, so a repeat of an earlier post's verdict may come first.</summary>
    private static async Task<List<JsonElement>> ReadAsync(ForumClient forum, string queue, string postId) =>
        [.. (await forum.ReadAsync(queue, r => r.Any(m => Text(m, "postId") == postId), Patience)).Where(m => Text(m, "postId") == postId)];
}
