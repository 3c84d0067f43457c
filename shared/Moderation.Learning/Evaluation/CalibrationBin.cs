using Moderation.Detection;
using Moderation.Learning.Corpus;

namespace Moderation.Learning.Evaluation;

/// <summary>
/// One bin of the model's calibration curve (reliability diagram): the posts whose predicted
/// probability fell in [<see cref="Lower"/>, <see cref="Upper"/>), what the model predicted for them
/// on average and how many of them really were leaks. A calibrated model lies on the diagonal.
/// </summary>
/// <remarks>
/// The probability is taken at the evaluated set's own share of leaks (moved there from the training
/// prior the way <see cref="ScanPolicy.Calibrate"/> moves it to a forum's base rate), because a
/// probability is only checkable against the prior of the posts it is checked on. That the curve
/// holds at this prior is what makes the move to the forum's base rate trustworthy.
/// </remarks>
public sealed record CalibrationBin(double Lower, double Upper, int Posts, double MeanPredicted, double ObservedLeakShare)
{
    public const int Bins = 10;

    public static IReadOnlyList<CalibrationBin> Curve(IReadOnlyList<CorpusExample> examples, IReadOnlyList<double> trainedProbabilities, double trainingPrior)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(trainedProbabilities);
        double share = examples.Count == 0 ? 0.5 : Math.Clamp((double)examples.Count(e => e.IsSecret) / examples.Count, 1e-6, 1 - 1e-6);
        ScanPolicy atSetPrior = ScanPolicy.Default with { ModelBaseRate = share };
        var count = new int[Bins];
        var predicted = new double[Bins];
        var leaks = new int[Bins];
        for (int i = 0; i < examples.Count; i++)
        {
            double p = atSetPrior.Calibrate(trainedProbabilities[i], trainingPrior);
            int bin = Math.Min(Bins - 1, (int)(p * Bins));
            count[bin]++;
            predicted[bin] += p;
            leaks[bin] += examples[i].IsSecret ? 1 : 0;
        }

        return [.. Enumerable.Range(0, Bins)
            .Where(b => count[b] > 0)
            .Select(b => new CalibrationBin((double)b / Bins, (double)(b + 1) / Bins, count[b], predicted[b] / count[b], (double)leaks[b] / count[b]))];
    }
}
