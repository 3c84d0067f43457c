using System.Globalization;
using System.Text;
using System.Text.Json;
using Moderation.Detection;
using Moderation.Learning.Corpus;
using Moderation.Learning.Training;

namespace Moderation.Learning.Evaluation;

/// <summary>
/// A candidate model scored in shadow beside the model in use on the same labelled posts: both fused
/// with the same rules, their figures side by side, and every post where the verdict would change
/// (publish, hold, remove), so a reviewer sees what promoting the candidate would do before it does it.
/// </summary>
public sealed record ShadowComparison(
    EvaluationReport Active,
    EvaluationReport Candidate,
    IReadOnlyList<ShadowDisagreement> Disagreements)
{
    public int Examples => Active.Examples;

    /// <summary>Disagreements where the candidate stops a leak the model in use lets through, or publishes a clean post it flags.</summary>
    public int Better => Disagreements.Count(d => d.Effect == "Better");

    /// <summary>The reverse of <see cref="Better"/>.</summary>
    public int Worse => Disagreements.Count(d => d.Effect == "Worse");

    public static ShadowComparison Compare(
        ModerationModel active,
        ModerationModel candidate,
        DetectionEngine rules,
        IReadOnlyList<CorpusExample> examples,
        string split,
        FusionMethod fusion = EvaluationReport.DefaultFusion,
        DecisionThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(active);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(examples);
        thresholds ??= DecisionThresholds.Default;

        var disagreements = new List<ShadowDisagreement>();
        foreach (CorpusExample example in examples)
        {
            double ruleScore = rules.Scan(new ScanInput(example.Title, example.Body)).Score;
            double activeProbability = active.Predict(example.Title, example.Body);
            double candidateProbability = candidate.Predict(example.Title, example.Body);
            Decision activeDecision = thresholds.Decide(Fusion.Combine(fusion, ruleScore, activeProbability));
            Decision candidateDecision = thresholds.Decide(Fusion.Combine(fusion, ruleScore, candidateProbability));
            if (activeDecision != candidateDecision)
            {
                disagreements.Add(new ShadowDisagreement(
                    example.Id, example.Category, example.Label, ruleScore, activeProbability, candidateProbability, activeDecision, candidateDecision));
            }
        }

        return new ShadowComparison(
            EvaluationReport.Evaluate(active, rules, examples, split, fusion, thresholds),
            EvaluationReport.Evaluate(candidate, rules, examples, split, fusion, thresholds),
            disagreements);
    }

    /// <summary>The console summary: both fused systems and the disagreements by direction.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        text.Append(F($"{Active.Split} split: {Examples} posts ({Active.SecretExamples} leaks); hold {Active.HoldThreshold}, remove {Active.RemoveThreshold}\n"));
        text.Append(F($"{"fused with",-32} {"ROC AUC",8} {"prec",6} {"recall",6} {"FPR",6} {"FPR nm",6} {"R@rem",6}\n"));
        foreach ((string name, EvaluationReport report) in new[] { ($"in use    {Active.ModelVersion}", Active), ($"candidate {Candidate.ModelVersion}", Candidate) })
        {
            SystemReport s = report.Fused;
            text.Append(F($"{name,-32} {s.RocAuc,8:F4} {s.AtHold.Precision,6:F3} {s.AtHold.Recall,6:F3} {s.AtHold.FalsePositiveRate,6:F3} {s.AtHold.NearMissFalsePositiveRate,6:F3} {s.AtRemove.Recall,6:F3}\n"));
        }

        text.Append(F($"verdicts that would change: {Disagreements.Count} of {Examples}: {Better} better for the label, {Worse} worse, {Disagreements.Count - Better - Worse} hold/remove only\n"));
        foreach (var direction in Disagreements.GroupBy(d => (d.ActiveDecision, d.CandidateDecision)).OrderByDescending(g => g.Count()))
        {
            text.Append(F($"  {direction.Key.ActiveDecision} -> {direction.Key.CandidateDecision}: {direction.Count()} ({string.Join(", ", direction.GroupBy(d => d.Category).OrderByDescending(c => c.Count()).Select(c => $"{c.Key} {c.Count()}"))})\n"));
        }

        return text.ToString();
    }

    /// <summary>Writes <c>shadow.md</c> (the summary and every disagreement) and <c>shadow.jsonl</c> (one disagreement per line).</summary>
    public void WriteDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var markdown = new StringBuilder();
        markdown.Append(F($"# Shadow comparison\n\nCandidate `{Candidate.ModelVersion}` beside `{Active.ModelVersion}`, rules `{Active.RuleSetVersion}`, {Active.Split} split.\n\n```\n{Summary()}```\n\n"));
        markdown.Append("| Post | Category | Label | Rules | In use | Candidate | Verdict in use | Candidate's verdict | Effect |\n|---|---|---|---:|---:|---:|---|---|---|\n");
        foreach (ShadowDisagreement d in Disagreements)
        {
            markdown.Append(F($"| {d.Id} | {d.Category} | {d.Label} | {d.RuleScore:F3} | {d.ActiveProbability:F3} | {d.CandidateProbability:F3} | {d.ActiveDecision} | {d.CandidateDecision} | {d.Effect} |\n"));
        }

        File.WriteAllText(Path.Combine(directory, "shadow.md"), markdown.ToString());
        File.WriteAllLines(Path.Combine(directory, "shadow.jsonl"), Disagreements.Select(d => JsonSerializer.Serialize(d, JsonSerializerOptions.Web)));
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
