using System.Globalization;

namespace Moderation.Integration.Tests.Faults;

/// <summary>What one fault's run measured, as the suite prints it.</summary>
/// <param name="Posts">Revisions published (new posts and edits), each expecting one scan and one verdict.</param>
/// <param name="Verdicts">Scan verdicts received, repeats included.</param>
/// <param name="RepeatedVerdicts">Revisions whose verdict came more than once (at least once delivery; each repeat agreed, or the run failed).</param>
/// <param name="DuplicatedEffects">Scans, incidents and notifications stored twice for one revision (or endpoint): must be none.</param>
/// <param name="Lost">Revisions published with no verdict or no scan.</param>
/// <param name="Retried">Posts the load sent again after a failure (the broker or the Api away).</param>
/// <param name="Outage">From the fault's start to its end: the server or service back (started again, the disk freed).</param>
/// <param name="Recovery">From the fault's end to the verdict rate back at the rate before it; null if it never came back.</param>
public sealed record FaultFigures(string Fault, int Posts, int Verdicts, int RepeatedVerdicts, int DuplicatedEffects, int Lost, int Retried, double RateBefore, TimeSpan Outage, TimeSpan? Recovery)
{
    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"fault {Fault}: posts {Posts:N0}, verdicts {Verdicts:N0}, duplicates {DuplicatedEffects:N0} (verdicts repeated, all agreeing: {RepeatedVerdicts:N0}), lost {Lost:N0}, time to recover {(Recovery is { } r ? $"{r.TotalSeconds:0.0} s" : "never")} (to {RateBefore:0} verdicts/s, after {Outage.TotalSeconds:0.0} s of fault; posts sent again {Retried:N0})");
}
