using Moderation.Detection.Scoring;

namespace Moderation.Detection.Fingerprints;

/// <summary>
/// What the fingerprints found in one post, field by field, until the scan resolves it into matches.
/// Only created once a hash hits, so a post that matches nothing allocates nothing for fingerprints.
/// </summary>
internal sealed class FingerprintEvidence(FingerprintIndex index)
{
    public const string PassagePrefix = "fingerprint:";
    public const string NearDuplicatePrefix = "simhash:";
    public const string PassageDescription = "Copied passage of a registered protected document";
    public const string NearDuplicateDescription = "Near-duplicate of a registered protected document";

    private readonly List<PassageHit> _passages = [];
    private readonly List<NearDuplicateHit> _nearDuplicates = [];

    public FingerprintIndex Index { get; } = index;

    public void AddPassage(int document, TextField field, int letter, ulong hash, int start, int end) =>
        _passages.Add(new PassageHit(document, field, letter, hash, start, end));

    public void AddNearDuplicate(int document, TextField field, int distance, int start, int end) =>
        _nearDuplicates.Add(new NearDuplicateHit(document, field, distance, start, end));

    /// <summary>The matches that count, in document then field then text order.</summary>
    public List<FingerprintMatch> Resolve()
    {
        var matches = new List<FingerprintMatch>();
        int maxGap = FingerprintScoring.MaxGap(Index.Scheme);
        _passages.Sort(static (a, b) =>
            a.Document != b.Document ? a.Document.CompareTo(b.Document)
            : a.Field != b.Field ? a.Field.CompareTo(b.Field)
            : a.Letter.CompareTo(b.Letter));

        var regions = new List<(TextField Field, int Start, int End)>();
        var matched = new HashSet<ulong>();
        var region = new HashSet<ulong>();
        for (int i = 0; i < _passages.Count;)
        {
            int document = _passages[i].Document;
            regions.Clear();
            matched.Clear();
            while (i < _passages.Count && _passages[i].Document == document)
            {
                // One region: consecutive hits of one field no further apart than the gap.
                PassageHit first = _passages[i];
                int start = first.Start, end = first.End;
                region.Clear();
                region.Add(first.Hash);
                int j = i + 1;
                while (j < _passages.Count && _passages[j].Document == document && _passages[j].Field == first.Field
                    && _passages[j].Letter - _passages[j - 1].Letter <= maxGap)
                {
                    region.Add(_passages[j].Hash);
                    start = Math.Min(start, _passages[j].Start);
                    end = Math.Max(end, _passages[j].End);
                    j++;
                }

                if (region.Count >= FingerprintScoring.MinimumPassageHashes)
                {
                    regions.Add((first.Field, start, end));
                    matched.UnionWith(region);
                }

                i = j;
            }

            if (regions.Count == 0)
            {
                continue;
            }

            FingerprintDocument doc = Index.DocumentAt(document);
            double coverage = Math.Min(1, (double)matched.Count / doc.Hashes.Count);
            double weight = FingerprintScoring.PassageWeightFor(matched.Count, coverage);
            foreach ((TextField field, int start, int end) in regions)
            {
                matches.Add(new FingerprintMatch(doc.DocumentId, PassagePrefix + doc.DocumentId, FingerprintMatchKind.Passage, field, start, end - start, coverage, matched.Count, null, weight));
            }
        }

        foreach (NearDuplicateHit hit in _nearDuplicates)
        {
            FingerprintDocument doc = Index.DocumentAt(hit.Document);
            matches.Add(new FingerprintMatch(doc.DocumentId, NearDuplicatePrefix + doc.DocumentId, FingerprintMatchKind.NearDuplicate, hit.Field, hit.Start, hit.End - hit.Start,
                1 - (hit.Distance / 64.0), 0, hit.Distance, FingerprintScoring.NearDuplicateWeight));
        }

        return matches;
    }

    /// <summary>
    /// Adds the matches to the rule hits as rules of their own (one per document and kind, in the
    /// <c>fingerprint</c> category), so <see cref="ScoreFusion"/> scores them with everything else:
    /// each document counts once, a passage and a near-duplicate of one region are one piece of
    /// evidence, and a rule whose context names <c>fingerprint</c> is raised by a match nearby.
    /// </summary>
    /// <returns>The rules the hits index into: the engine's, then one per matched document and kind.</returns>
    public static IReadOnlyList<Rule> AddHits(List<FingerprintMatch> matches, List<RuleHit> hits, IReadOnlyList<Rule> rules, Dictionary<string, double> similarities)
    {
        var all = new List<Rule>(rules);
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (FingerprintMatch match in matches)
        {
            if (!byId.TryGetValue(match.RuleId, out int index))
            {
                index = all.Count;
                byId[match.RuleId] = index;
                string description = match.Kind == FingerprintMatchKind.Passage ? PassageDescription : NearDuplicateDescription;
                all.Add(new Rule(match.RuleId, RuleCategories.Fingerprint, RuleKind.Terms, match.Weight, description, [], [], null, null));
                similarities[match.RuleId] = match.Similarity;
            }

            hits.Add(new RuleHit(index, match.Field, match.Start, match.Length));
        }

        return all;
    }

    private readonly record struct PassageHit(int Document, TextField Field, int Letter, ulong Hash, int Start, int End);

    private readonly record struct NearDuplicateHit(int Document, TextField Field, int Distance, int Start, int End);
}
