namespace Moderation.Storage.Audit;

/// <summary>One action to record: who did what to which subject, with the details that matter.</summary>
/// <param name="Actor">The account's user name, the API key's name, or a service (<c>system</c>, <c>scanner</c>).</param>
/// <param name="Action">A stable verb such as <c>case.claimed</c>, <c>case.decided</c>, <c>rule-set.activated</c>.</param>
/// <param name="Subject">What it was done to, e.g. <c>case:42</c>, <c>rule-set:2026.12-1</c>.</param>
/// <param name="DetailJson">A JSON object with the particulars (reason, decision, version); never secret text.</param>
public sealed record AuditEntry(string Actor, string Action, string Subject, string DetailJson);
