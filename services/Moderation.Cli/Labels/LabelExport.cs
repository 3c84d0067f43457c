using Moderation.Learning.Corpus;
using Moderation.Storage.Models;

namespace Moderation.Cli.Labels;

/// <summary>
/// Moderators' decisions as corpus examples: Confirm is <c>secret</c>, Release is <c>clean</c>, split
/// <c>train</c>, family the board (so a board's posts stay together if the file is ever split). A
/// post whose text was purged after hand-off has nothing to learn from and is left out, counted.
/// </summary>
internal static class LabelExport
{
    public const string ConfirmedCategory = "moderator-confirmed";
    public const string ReleasedCategory = "moderator-released";

    public static (List<CorpusExample> Examples, int Purged) ToExamples(IEnumerable<DecisionLabel> labels)
    {
        var examples = new List<CorpusExample>();
        int purged = 0;
        foreach (DecisionLabel label in labels)
        {
            if (label.Body is null)
            {
                purged++;
                continue;
            }

            bool secret = label.Decision == "Confirm";
            examples.Add(new CorpusExample(
                Id: $"review-{label.BoardId}-{label.PostId}-r{label.Revision}",
                Title: label.Title,
                Body: label.Body,
                Label: secret ? CorpusLabels.Secret : CorpusLabels.Clean,
                Category: secret ? ConfirmedCategory : ReleasedCategory,
                Family: $"review-{label.BoardId}",
                Split: CorpusSplits.Train));
        }

        return (examples, purged);
    }
}
