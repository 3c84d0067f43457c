using Moderation.Storage.Orders;

namespace Moderation.Api.Orders;

/// <summary>What came of asking for a takedown: the order, the fields to correct, or why no order could be made of valid fields.</summary>
public abstract record TakedownOutcome
{
    private TakedownOutcome()
    {
    }

    /// <summary>Stored, and its messages handed to the forums' queues (or left to the outbox relay).</summary>
    public sealed record Issued(TakedownOrder Order) : TakedownOutcome;

    /// <summary>The request itself is incomplete; one message per field, so every mistake is shown at once.</summary>
    public sealed record Invalid(IDictionary<string, string[]> Errors) : TakedownOutcome;

    /// <summary>The fields were fine but name nothing the officer may take down (a post outside the area, no matching post, too many).</summary>
    public sealed record Refused(string Problem) : TakedownOutcome;
}
