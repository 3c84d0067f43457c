using Moderation.Contracts;
using Moderation.Detection;
using Moderation.Detection.Classification;

namespace Moderation.Scanner.Scanning;

/// <summary>Turns a detection result into the verdict a forum receives.</summary>
internal static class VerdictBuilder
{
    public static PostVerdict Build(PostSubmitted post, ScanResult result, DateTimeOffset decidedAt) => new()
    {
        BoardId = post.BoardId,
        PostId = post.PostId,
        Revision = post.Revision,
        Action = ToAction(result.Decision),
        Stage = VerdictStage.Scan,
        Score = Math.Round(result.Score, 4),
        Reasons = Reasons(result),
        RuleSetVersion = result.RuleSetVersion,
        ModelVersion = result.Model?.Version,
        DecidedAt = decidedAt,
    };

    public static VerdictAction ToAction(Decision decision) => decision switch
    {
        Decision.Publish => VerdictAction.Publish,
        Decision.Hold => VerdictAction.Hold,
        Decision.Remove => VerdictAction.Remove,
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Unknown decision."),
    };

    /// <summary>Every finding, then the model, then why the post is held or removed.</summary>
    private static List<VerdictReason> Reasons(ScanResult result)
    {
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
                Weight = Math.Round(result.Score, 4),
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
        Weight = Math.Round(model.Evidence, 4),
        Description = model.Description,
        Model = model.Version,
        Probability = Math.Round(model.Probability, 4),
    };

    private static VerdictReason ToReason(Finding finding) => new()
    {
        Rule = finding.RuleId,
        Category = finding.Category,
        Field = finding.Field == TextField.Title ? "title" : "body",
        Start = finding.Start,
        Length = finding.Length,
        Weight = Math.Round(finding.Weight, 4),
        Description = finding.Description,
        Context = finding.Context,
        Similarity = finding.Similarity is { } similarity ? Math.Round(similarity, 4) : null,
    };
}
