namespace Moderation.Api.Review.DecideMany;

/// <summary>
/// What "select all matching" found: <see cref="Count"/> open cases; their ids when no more than
/// <see cref="Limit"/> (<see cref="WithinLimit"/>), and which of them the scan removed.
/// </summary>
public sealed record SelectionView(long Count, int Limit, bool WithinLimit, long[] CaseIds, long[] RemovedCaseIds);
