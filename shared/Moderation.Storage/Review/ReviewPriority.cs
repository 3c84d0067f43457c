namespace Moderation.Storage.Review;

/// <summary>
/// A case's priority as one timestamp: when its SLA runs out. Score shortens the allowance and age
/// uses it up, so ordering by the due time is ordering by score and age together, and stays one
/// index scan however many cases are open.
/// </summary>
public static class ReviewPriority
{
    /// <summary>Score 0.5 gets the whole SLA, 0.75 three quarters, 1.0 half.</summary>
    public static TimeSpan Allowance(double score, TimeSpan sla) =>
        sla * Math.Clamp(1.5 - score, 0.5, 1.0);

    public static DateTimeOffset DueAt(DateTimeOffset openedAt, double score, TimeSpan sla) =>
        openedAt + Allowance(score, sla);

    /// <summary>Share of the allowance used at <paramref name="now"/>: above 1 is overdue.</summary>
    public static double Urgency(DateTimeOffset openedAt, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var allowance = dueAt - openedAt;
        return allowance <= TimeSpan.Zero ? 1 : (now - openedAt) / allowance;
    }
}
