using System.Text;
using BenchmarkDotNet.Attributes;
using Moderation.Detection;
using Moderation.Detection.Fingerprints;

namespace Moderation.Benchmarks;

/// <summary>
/// What fingerprints add to <see cref="DetectionEngine.Scan"/> on a 500-character post, against an
/// index of 100 or 1,000 protected documents of 3,000 characters: a post that matches nothing (the
/// common case), and one quoting two sentences of a document (the match path).
/// </summary>
[MemoryDiagnoser]
public class FingerprintBenchmarks
{
    // Characters of official prose, from which the protected documents are drawn at random.
    private const string DocumentCharacters =
        "关于进一步加强做好工作的通知各单位部门根据有关规定要求现将事项如下一二三四五六七八九十年月日试验保障数据管理人员组织实施计划安排" +
        "项目进度质量经费采购设备结构动力总体协调会议纪要研究决定同意报送审核备案执行落实情况问题措施建议评估报告分析结果表明区域储备物资";

    private DetectionEngine _engine = null!;
    private FingerprintIndex _index = null!;
    private ScanInput _clean = null!;
    private ScanInput _quoting = null!;

    [Params(100, 1000)]
    public int Documents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = DetectionEngine.CreateDefault();
        FingerprintScheme scheme = FingerprintScheme.FromSecret(FingerprintScheme.DemoSecret);
        string[] texts = [.. Enumerable.Range(0, Documents).Select(i => Document(seed: i, length: 3000))];
        _index = FingerprintIndex.Build(scheme, texts.Select((text, i) => scheme.Compute($"doc-{i}", null, text)));
        string chatter = Chatter(500);
        _clean = new ScanInput("求助", chatter);
        // Two "sentences" (80 characters) of document 7 in the middle of the post.
        string quote = texts[7].Substring(1000, 80);
        _quoting = new ScanInput("求助", string.Concat(chatter.AsSpan(0, 200), quote, chatter.AsSpan(200, 220)));
        if (_engine.Scan(_quoting, _index).Findings.All(f => f.RuleId != "fingerprint:doc-7") || _engine.Scan(_clean, _index).Findings.Count != 0)
        {
            throw new InvalidOperationException("The benchmark posts do not behave as intended.");
        }
    }

    [Benchmark(Baseline = true)]
    public ScanResult CleanPostRulesOnly() => _engine.Scan(_clean);

    [Benchmark]
    public ScanResult CleanPostWithFingerprints() => _engine.Scan(_clean, _index);

    [Benchmark]
    public ScanResult QuotingPostWithFingerprints() => _engine.Scan(_quoting, _index);

    /// <summary>The fingerprint stage alone (it normalises the text itself).</summary>
    [Benchmark]
    public int CleanPostFingerprintsOnly() => _index.Match(_clean.Body).Count;

    private static string Chatter(int length)
    {
        var random = new Random(500);
        var text = new StringBuilder();
        while (text.Length < length)
        {
            text.Append(SamplePosts.Sentences[random.Next(SamplePosts.Sentences.Length)]);
        }

        return text.ToString(0, length);
    }

    private static string Document(int seed, int length)
    {
        var random = new Random(seed);
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            text.Append(DocumentCharacters[random.Next(DocumentCharacters.Length)]);
            if (random.Next(18) == 0)
            {
                text.Append(random.Next(3) == 0 ? '。' : '，');
            }
        }

        return text.ToString();
    }
}
