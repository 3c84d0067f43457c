using Microsoft.Extensions.Options;
using Moderation.Contracts;
using Moderation.Integration.Tests.Support;
using Moderation.Storage;
using Moderation.Storage.Audit;
using Moderation.Storage.Outbox;
using Moderation.Api.Review.Cases;
using Moderation.Api.Review.Claim;
using Moderation.Api.Review.Decide;
using Moderation.Detection.Fingerprints;

namespace Moderation.Integration.Tests;

/// <summary>
/// The API relays the outbox rows it writes: a review verdict committed by an API that died before
/// sending it reaches the forum's queue through the next API process, with no scanner running.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class OutboxRelaySpecs : PipelineSpecs
{
    [Fact]
    public async Task A_review_verdict_committed_by_an_api_that_died_before_sending_it_is_relayed_by_the_api_alone()
    {
        // The dead process's claim: shorter than the services' own, so the relay may take the row over soon.
        var storage = Options.Create(new StorageOptions { OutboxClaimDuration = TimeSpan.FromSeconds(3) });
        var caseId = await OpenCaseWithItsScanVerdictSentAsync("relay-1", storage);
        var audit = new AuditLog(Pipeline.Database.Database, TimeProvider.System);
        var claim = await new ClaimCaseSql(Pipeline.Database.Database, audit, TimeProvider.System)
            .ClaimAsync(caseId, "alice", TimeSpan.FromMinutes(10), CancellationToken.None);
        // What DecideCase does, up to the commit; the process dies before it sends.
        var decisions = new DecisionTransaction(Pipeline.Database.Database, audit, TimeProvider.System, storage, FingerprintScheme.FromSecret("outbox-relay-specs"));
        var decided = await decisions.DecideAsync(new DecisionRequest
        {
            CaseId = caseId,
            ClaimVersion = claim.Version,
            Actor = "alice",
            Decision = ReviewDecisionKind.Release,
            Reason = "not secret",
            RequestId = "relay-1-release",
        }, CancellationToken.None);
        decided.Outcome.Should().Be(DecisionOutcome.Decided);

        var api = await Pipeline.StartApiAsync();
        await using var forum = await Pipeline.ConnectForumAsync();
        var received = await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 1, TimeSpan.FromSeconds(60));

        received.Should().ContainSingle($"the API relays its own rows\n{api.Log}");
        ForumClient.Text(received[0], "postId").Should().Be("relay-1");
        ForumClient.Text(received[0], "stage").Should().Be(nameof(VerdictStage.Review));
        ForumClient.Text(received[0], "action").Should().Be(nameof(VerdictAction.Publish));
        (await WaitUntilSentAsync(decided.Verdicts.Should().ContainSingle().Subject.OutboxId)).Should().BeTrue("the relay marks the row sent");
        // Past several relay passes and another claim period: nothing is sent again.
        await Task.Delay(TimeSpan.FromSeconds(7));
        (await forum.CountAsync(Pipeline.VerdictQueue)).Should().Be(0);
    }

    /// <summary>A held post's case; its scan verdict was sent, so the only unsent row is the one under test.</summary>
    private async Task<long> OpenCaseWithItsScanVerdictSentAsync(string postId, IOptions<StorageOptions> storage)
    {
        var saved = await Pipeline.SaveHeldPostAsync(postId, storage);
        await new OutboxTable(Pipeline.Database.Database, TimeProvider.System, storage).MarkSentAsync(saved.VerdictOutboxId!.Value, CancellationToken.None);
        return saved.ReviewCaseId!.Value;
    }

    private async Task<bool> WaitUntilSentAsync(long outboxId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM message_outbox WHERE outbox_id = @outboxId AND sent_at IS NOT NULL", new { outboxId }) == 1)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
