namespace Moderation.Api.Review.Decide;

/// <summary>
/// A decision on a claimed case. <see cref="RequestId"/> makes a retry safe; <see cref="Version"/> is the
/// claim's token; <see cref="SecondLook"/> confirms the release of a case the scan removed.
/// </summary>
public sealed record DecisionBody(string? Decision, string? Reason, int? Version, string? RequestId, bool? SecondLook = null);
