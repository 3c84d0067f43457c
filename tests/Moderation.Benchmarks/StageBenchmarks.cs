using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Moderation.Detection;
using Moderation.Detection.Fingerprints;
using Moderation.Detection.Matching;
using Moderation.Detection.Normalization;
using Moderation.Detection.Scoring;

namespace Moderation.Benchmarks;

/// <summary>
/// What each stage of <see cref="DetectionEngine.Scan"/> costs on the body of a 500-character post,
/// with the default rule set compiled as the engine compiles it: normalise, match the terms, run the
/// pattern rules, fingerprint (which normalises first), fuse the hits into a score.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class StageBenchmarks
{
    private readonly Rule[] _rules = [.. RuleSet.LoadDefault().Rules];
    private readonly FingerprintIndex _fingerprints = SampleFingerprints.Index;
    private TermAutomaton _terms = null!;
    private Regex[] _patterns = [];
    private string _post = string.Empty;
    private string _normalized = string.Empty;
    private List<RuleHit> _hits = [];

    public enum Post
    {
        Clean,
        Marked,
    }

    [ParamsAllValues]
    public Post Body { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _terms = TermAutomaton.Build(
            _rules.SelectMany((rule, r) => rule.Kind == RuleKind.Terms ? rule.NormalizedTerms.Distinct(StringComparer.Ordinal).Select(t => (t, r)) : []));
        _patterns = [.. _rules.Where(rule => rule.Kind == RuleKind.Pattern).Select(rule => rule.Regex!)];
        _post = Body == Post.Clean ? SamplePosts.Clean500 : SamplePosts.Marked500;

        using NormalizedText normalized = TextNormalizer.Normalize(_post);
        _normalized = normalized.Text.ToString();
        foreach (TermMatch match in _terms.Find(normalized.Text))
        {
            (int start, int length) = normalized.ToOriginal(match.Start, match.Length);
            _hits.Add(new RuleHit(match.Payload, TextField.Body, start, length));
        }

        for (int r = 0; r < _rules.Length; r++)
        {
            if (_rules[r].Kind == RuleKind.Pattern)
            {
                foreach (ValueMatch match in _rules[r].Regex!.EnumerateMatches(normalized.Text))
                {
                    (int start, int length) = normalized.ToOriginal(match.Index, match.Length);
                    _hits.Add(new RuleHit(r, TextField.Body, start, length));
                }
            }
        }
    }

    [Benchmark]
    public int Normalize()
    {
        using NormalizedText normalized = TextNormalizer.Normalize(_post);
        return normalized.Length;
    }

    [Benchmark]
    public int TermMatch()
    {
        int found = 0;
        foreach (TermMatch match in _terms.Find(_normalized))
        {
            found += match.Length;
        }

        return found;
    }

    [Benchmark]
    public int PatternRules()
    {
        int found = 0;
        foreach (Regex pattern in _patterns)
        {
            foreach (ValueMatch match in pattern.EnumerateMatches(_normalized))
            {
                found += match.Length;
            }
        }

        return found;
    }

    /// <summary>Normalising and fingerprinting against 1,000 protected documents: subtract <see cref="Normalize"/> for the fingerprints alone.</summary>
    [Benchmark]
    public bool NormalizeAndFingerprint()
    {
        using NormalizedText normalized = TextNormalizer.Normalize(_post);
        FingerprintEvidence? evidence = null;
        _fingerprints.Collect(normalized, TextField.Body, ref evidence);
        return evidence is null;
    }

    /// <summary>Scoring the hits (none in the clean post, where the engine skips this stage).</summary>
    [Benchmark]
    public double Fusion() => _hits.Count == 0 ? 0 : ScoreFusion.Fuse(_hits, _rules, ScanPolicy.Default).Score;
}
