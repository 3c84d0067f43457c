using Moderation.Detection;

namespace Moderation.Learning.Evaluation;

/// <summary>One post on which the candidate would have decided otherwise than the model in use.</summary>
public sealed record ShadowDisagreement(
    string Id,
    string Category,
    string Label,
    double RuleScore,
    double ActiveProbability,
    double CandidateProbability,
    Decision ActiveDecision,
    Decision CandidateDecision)
{
    /// <summary>
    /// Better: the candidate stops a leak the model in use lets through, or publishes a clean post it
    /// flags; Worse: the reverse; Same: both right or both wrong (a leak held instead of removed).
    /// </summary>
    public string Effect => (Right(CandidateDecision), Right(ActiveDecision)) switch
    {
        (true, false) => "Better",
        (false, true) => "Worse",
        _ => "Same",
    };

    private bool Right(Decision decision) => Label == Corpus.CorpusLabels.Secret ? decision != Decision.Publish : decision == Decision.Publish;
}
