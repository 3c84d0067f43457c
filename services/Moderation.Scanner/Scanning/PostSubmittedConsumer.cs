using MassTransit;
using Moderation.Contracts;
using Moderation.Detection;
using Moderation.Detection.Fingerprints;
using Moderation.Fingerprints;
using Moderation.Hosting.Messaging;
using Moderation.Intake;
using Moderation.Outbox;
using Moderation.Scanner.Models;
using Moderation.Scanner.Rules;
using Moderation.Storage.Boards;
using Moderation.Storage.Scans;
using Moderation.Verdicts;
using Moderation.Verdicts.Divisions;
using Moderation.Verdicts.Incidents;

namespace Moderation.Scanner.Scanning;

/// <summary>
/// Scans one revision of a post: validate, check the board and the sender, score, then save the
/// scan with its case or incident and the verdict in one transaction (shared with the posts scanned
/// at the same time, <see cref="ScanBatcher"/>) and send the verdict.
/// Idempotent on (BoardId, PostId, Revision): a redelivery finds the scan saved and does nothing.
/// </summary>
internal sealed class PostSubmittedConsumer(
    DetectionEngineProvider engines,
    ModelProvider models,
    LiveFingerprintIndex fingerprints,
    BoardDirectory boards,
    OperatorIdentity identity,
    BoardRepository operators,
    ScanBatcher batcher,
    PostRejecter rejecter,
    ScannerMetrics metrics,
    TimeProvider time,
    ILogger<PostSubmittedConsumer> logger) : IConsumer<PostSubmitted>
{
    public async Task Consume(ConsumeContext<PostSubmitted> context)
    {
        var post = context.Message;
        var receivedAt = time.GetUtcNow();
        metrics.ConsumerLag(post, receivedAt);
        Board? known;
        using (metrics.Stage("admit"))
        {
            known = await AdmitAsync(context, receivedAt);
        }

        if (known is null)
        {
            return;
        }

        ScanResult result;
        PostVerdict verdict;
        using (var detect = metrics.Stage("detect"))
        {
            result = engines.Current.Scan(new ScanInput(post.Title, post.Body, DivisionCode.AreasOf(known.DivisionCode)), fingerprints.Current, models.Active);
            verdict = RepublicationPolicy.Apply(ScanVerdict.Build(post, result, receivedAt), post, known.RepublicationRequiresConsent);
            detect.Span?.SetTag("moderation.action", verdict.Action.ToString()).SetTag("moderation.rule_set", result.RuleSetVersion);
        }

        var opensCase = verdict.Action is VerdictAction.Hold or VerdictAction.Remove;
        // Computed once, before the text can be purged: the incident and the case keep the same fingerprint.
        var fingerprint = opensCase ? PostFingerprint.Compute(fingerprints.Scheme, post.Title, post.Body) : null;
        var write = new ScanWrite
        {
            Post = PostRecords.FromSubmission(post, receivedAt),
            Action = verdict.Action.ToString(),
            Score = verdict.Score,
            ReasonsJson = System.Text.Json.JsonSerializer.Serialize(verdict.Reasons, WireFormat.Options),
            RuleSetVersion = result.RuleSetVersion,
            ModelVersion = result.Model?.Version,
            ModelProbability = result.Model?.Probability,
            ScannedAt = receivedAt,
            // A removal is confirmed (or undone) by a moderator, so it gets a case as a hold does.
            OpensReviewCase = opensCase,
            Category = CaseEvidence.StrongestCategory(verdict.Reasons),
            Evidence = opensCase ? CaseEvidence.Of(post, verdict, fingerprint, fingerprints.Scheme) : null,
            Incident = verdict.Action == VerdictAction.Remove ? Incident(post, verdict, fingerprint) : null,
            Verdict = MessageOutbox.Verdict(known.VerdictQueue, verdict),
        };

        ScanSaved saved;
        using (metrics.Stage("store"))
        {
            // Saved with the posts scanned at the same time, in one transaction, and sent after commit.
            saved = await batcher.SaveAndSendAsync(write, context.CancellationToken);
        }

        if (!saved.Created)
        {
            logger.LogDebug("Post {BoardId}/{PostId}#{Revision} was already scanned; redelivery ignored", post.BoardId, post.PostId, post.Revision);
            return;
        }

        metrics.Scanned(verdict.Action, result);
    }

    /// <summary>
    /// The post's board when the post may be scanned: valid, its board known, sent by the board's
    /// operator, the board approved. Otherwise the refusal is sent and null returned.
    /// </summary>
    private async Task<Board?> AdmitAsync(ConsumeContext<PostSubmitted> context, DateTimeOffset receivedAt)
    {
        var post = context.Message;
        var problems = PostSubmittedValidator.Validate(post, receivedAt);
        if (problems.Count > 0)
        {
            // Only an id can name a board; anything else (a NUL, say) must not reach the database.
            var board = WireText.IsId(post.BoardId) ? await boards.FindAsync(post.BoardId, context.CancellationToken) : null;
            await rejecter.RejectAsync(context, board is not null && await MaySubmitForAsync(context, board) ? board : null, RejectionCode.Malformed, string.Join(" ", problems.Select(p => p.Message)));
            return null;
        }

        var known = await boards.FindAsync(post.BoardId, context.CancellationToken);
        if (known is null)
        {
            var unknown = BoardAdmission.Refusal(post.BoardId, null)!.Value;
            await rejecter.RejectAsync(context, null, unknown.Code, unknown.Reason);
            return null;
        }

        // Checked before the board's status, so a sender learns nothing about boards that are not its own.
        if (!await MaySubmitForAsync(context, known))
        {
            await rejecter.RejectAsync(context, null, RejectionCode.NotBoardOperator,
                $"Board '{post.BoardId}' is not run by the sender. Publish with the RabbitMQ user of the board's operator and set the message's user_id property to it.");
            return null;
        }

        if (BoardAdmission.Refusal(post.BoardId, known) is { } refusal)
        {
            await rejecter.RejectAsync(context, known, refusal.Code, refusal.Reason);
            return null;
        }

        return known;
    }

    /// <summary>
    /// Whether the broker-validated sender is the board's operator: its configured user, or any user
    /// issued to it that is still live (during a rotation's overlap, the old and the new one).
    /// </summary>
    private async Task<bool> MaySubmitForAsync(ConsumeContext context, Board board)
    {
        if (!identity.VerifiesPublishers)
        {
            return true;
        }

        var publisher = OperatorIdentity.PublisherOf(context);
        if (publisher is null)
        {
            return false;
        }

        if (identity.IsTrusted(publisher) || publisher == board.OperatorAmqpUser)
        {
            return true;
        }

        var sender = await operators.FindOperatorByAmqpUserAsync(publisher, context.CancellationToken);
        return sender?.OperatorId == board.OperatorId;
    }

    private static IncidentOpening Incident(PostSubmitted post, PostVerdict verdict, FingerprintDocument? fingerprint) => IncidentOpener.Open(
        verdict, post.Title, post.Body, fingerprint,
        new IncidentOrigin(IncidentOrigin.ScanSource, "scanner", "Removed by the automatic scan: Remove verdict sent to the forum's queue."));
}
