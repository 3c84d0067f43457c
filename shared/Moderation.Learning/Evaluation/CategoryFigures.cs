using Moderation.Learning.Corpus;

namespace Moderation.Learning.Evaluation;

/// <summary>
/// One category at the hold and remove thresholds: for leak categories the share caught (recall), for
/// clean ones the share wrongly flagged (false-positive rate).
/// </summary>
public sealed record CategoryFigures(string Category, CategoryGroup Group, int Examples, double AtHold, double AtRemove);
