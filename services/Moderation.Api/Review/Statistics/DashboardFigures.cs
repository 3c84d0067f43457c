namespace Moderation.Api.Review.Statistics;

/// <summary>What the dashboard draws, for the caller's scope.</summary>
public sealed record DashboardFigures
{
    public required DateTimeOffset From { get; init; }

    public required TimeSpan Bucket { get; init; }

    /// <summary>Open cases at the end of each bucket.</summary>
    public required IReadOnlyList<long> QueueDepth { get; init; }

    /// <summary>Per day (oldest first): Release, Confirm, Escalate counts.</summary>
    public required IReadOnlyList<(DateOnly Day, long Release, long Confirm, long Escalate)> DecisionsPerDay { get; init; }

    /// <summary>Open cases per score band of 0.05 from 0.5 to 1 (index 0: below 0.55, including any below 0.5).</summary>
    public required IReadOnlyList<long> ScoreBands { get; init; }

    /// <summary>For each case decided since <see cref="From"/>: time to decision as a share of its SLA allowance.</summary>
    public required IReadOnlyList<double> SlaShares { get; init; }

    /// <summary>Median time to decision of those cases.</summary>
    public TimeSpan? MedianTimeToDecision { get; init; }

    public long OpenNow { get; init; }

    public long OverdueNow { get; init; }
}
