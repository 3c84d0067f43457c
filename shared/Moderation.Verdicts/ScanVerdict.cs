using Moderation.Contracts;
using Moderation.Detection;
using Moderation.Detection.Classification;

namespace Moderation.Verdicts;

/// <summary>
/// Turns a detection result into the verdict a forum receives, and into the reasons every other
/// writer of a verdict (the stored scan, an incident, <c>moderation scan</c>) uses.
/// </summary>
public static class ScanVerdict
{
    /// <summary>Decimal places of every score, weight, probability and similarity a verdict carries.</summary>
    /// <remarks>
    /// Four places tell every threshold and rule weight apart (they are set in hundredths) while a
    /// weight raised by its context or a model's evidence no longer shows float noise
    /// (0.30000000000000004); and a verdict written offline by <c>moderation scan</c> then reads the
    /// same as the one the scanner sends for the same post.
    /// </remarks>
    public const int Decimals = 4;

    public static PostVerdict Build(PostSubmitted post, ScanResult result, DateTimeOffset decidedAt)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(result);
        return new PostVerdict
        {
            BoardId = post.BoardId,
            PostId = post.PostId,
            Revision = post.Revision,
            Action = ToAction(result.Decision),
            Stage = VerdictStage.Scan,
            Score = Round(result.Score),
            Reasons = Reasons(result),
            RuleSetVersion = result.RuleSetVersion,
            ModelVersion = result.Model?.Version,
            DecidedAt = decidedAt,
        };
    }

    public static VerdictAction ToAction(Decision decision) => decision switch
    {
        Decision.Publish => VerdictAction.Publish,
        Decision.Hold => VerdictAction.Hold,
        Decision.Remove => VerdictAction.Remove,
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Unknown decision."),
    };

    public static double Round(double value) => Math.Round(value, Decimals);

    /// <summary>Every finding, then the model, then why the post is held or removed.</summary>
    public static IReadOnlyList<VerdictReason> Reasons(ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var reasons = new List<VerdictReason>(result.Findings.Count + 2);
        reasons.AddRange(result.Findings.Select(ToReason));
        if (result.Model is { } model)
        {
            reasons.Add(ToReason(model));
        }

        if (result.Basis is { } basis)
        {
            reasons.Add(new VerdictReason
            {
                Rule = ScanResult.BasisRule,
                Category = ScanResult.BasisRule,
                Field = ModelScore.ReasonField,
                Weight = Round(result.Score),
                Description = basis,
            });
        }

        return reasons;
    }

    private static VerdictReason ToReason(ModelScore model) => new()
    {
        Rule = ModelScore.ReasonRule,
        Category = ModelScore.ReasonRule,
        Field = ModelScore.ReasonField,
        Weight = Round(model.Evidence),
        Description = model.Description,
        Model = model.Version,
        Probability = Round(model.Probability),
    };

    private static VerdictReason ToReason(Finding finding) => new()
    {
        Rule = finding.RuleId,
        Category = finding.Category,
        Field = FieldName(finding.Field),
        Start = finding.Start,
        Length = finding.Length,
        Weight = Round(finding.Weight),
        Description = finding.Description,
        Context = finding.Context,
        Similarity = finding.Similarity is { } similarity ? Round(similarity) : null,
    };

    /// <summary>How a verdict names a field of the post: <c>title</c> or <c>body</c>.</summary>
    public static string FieldName(TextField field) => field == TextField.Title ? "title" : "body";
}
