namespace Moderation.Learning.Evaluation;

/// <summary>One point of a precision-recall curve: flag everything scoring at least <see cref="Threshold"/>.</summary>
public readonly record struct CurvePoint(double Threshold, double Precision, double Recall);
