using System.Globalization;
using Moderation.Outbox;
using Moderation.Storage.Orders;

namespace Moderation.Api.Orders;

/// <summary>
/// Issuing a takedown order (Art. 15, 17), whichever door the officer used: the JSON API and the
/// officers' page both come here, so an order is validated, stored with its incident measures and
/// outbox rows (one <c>TakedownRequested</c> per operator, in one transaction) and sent the same way.
/// The caller resolves the officer's area; the repository refuses any post outside it.
/// </summary>
public sealed class TakedownIssuer(OrderRepository orders, MessageOutbox outbox, TimeProvider time)
{
    /// <summary>The forum receives the reason with the order, so it is kept to a size a forum can show.</summary>
    public const int MaxReasonLength = 2000;

    public async Task<TakedownOutcome> IssueAsync(string area, string issuedBy, TakedownRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var posts = request.Targets ?? [];
        var documentIds = DocumentIdsOf(request);
        var errors = Validate(request, posts, documentIds, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return new TakedownOutcome.Invalid(errors);
        }

        var issued = await orders.IssueTakedownAsync(new TakedownIssue
        {
            Area = area,
            Reason = request.Reason!.Trim(),
            Deadline = request.Deadline!.Value,
            IssuedBy = issuedBy,
            Posts = [.. posts.Select(p => (p.BoardId!, p.PostId!))],
            DocumentIds = documentIds,
        }, MessageOutbox.Takedown, cancellationToken);
        if (issued.Order is null)
        {
            return new TakedownOutcome.Refused(issued.Problem!);
        }

        // The rows are committed and claimed by us; one that cannot be sent now is sent by the relay once the claim runs out.
        foreach (var (outboxId, message) in issued.Messages)
        {
            await outbox.TryDispatchAsync(outboxId, message, cancellationToken);
        }

        return new TakedownOutcome.Issued(issued.Order);
    }

    /// <summary>Blank document ids name nothing; they are dropped before asking whether anything was named at all.</summary>
    private static List<string> DocumentIdsOf(TakedownRequest request) =>
        [.. (request.DocumentIds ?? []).Where(d => !string.IsNullOrWhiteSpace(d))];

    private static Dictionary<string, string[]> Validate(TakedownRequest request, IReadOnlyList<TakedownPost> posts, IReadOnlyList<string> documentIds, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Deadline is not { } deadline || deadline <= now)
        {
            errors["deadline"] = ["required, in the future (ISO-8601 with offset), e.g. 2026-11-25T18:00:00+08:00"];
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxReasonLength)
        {
            errors["reason"] = [string.Create(CultureInfo.InvariantCulture, $"required: why the posts must go (at most {MaxReasonLength:N0} characters); the forum sees it")];
        }

        if (posts.Any(p => string.IsNullOrWhiteSpace(p.BoardId) || string.IsNullOrWhiteSpace(p.PostId)))
        {
            errors["targets"] = ["each target needs boardId and postId"];
        }
        else if (posts.Count == 0 && documentIds.Count == 0)
        {
            errors["targets"] = ["name posts in targets, or protected documents in documentIds"];
        }

        return errors;
    }
}
