using System.Text;

namespace Moderation.Benchmarks;

/// <summary>Posts for the benchmarks, generated in code with a fixed seed so every run measures the same text.</summary>
internal static class SamplePosts
{
    /// <summary>Ordinary forum sentences, shared by every benchmark that pads posts with chatter.</summary>
    internal static readonly string[] Sentences =
    [
        "楼主说得很有道理，我也遇到过类似的情况。",
        "周末带孩子去公园玩，天气特别好，拍了很多照片。",
        "这款手机的续航能力不错，充一次电能用两天。",
        "求推荐几本适合初学者的编程书籍，谢谢大家！",
        "小区门口新开了一家面馆，牛肉面味道很正宗。",
        "今年的考研形势怎么样？有没有上岸的前辈分享一下经验。",
        "装修的时候一定要注意防水，不然后期很麻烦。",
        "刚看完那部电影，结局有点出乎意料，但整体还是很精彩的。",
        "公司年会抽奖抽到了一台扫地机器人，运气不错。",
        "有没有人知道附近哪里可以修电脑？屏幕突然不亮了。",
        "最近在学做菜，红烧肉终于做成功了，★★★★★ 五星好评。",
        "外婆的秘密配方其实很简单，关键是火候要掌握好。",
        "这台精密仪器需要定期校准，否则测量结果会有偏差。",
        "版本 2.0 更新以后，打开速度快了不少。",
        "周一早上地铁特别挤，建议大家错峰出行。",
        "感谢分享，收藏了，回头慢慢看。",
    ];

    public static string ShortClean => "周末带孩子去公园玩，天气特别好，拍了很多照片。大家有什么好去处推荐吗？";

    /// <summary>Ordinary forum text of at least 5 KB in UTF-8 (about 1,700 characters).</summary>
    public static string LongClean { get; } = Generate(minimumUtf8Bytes: 5 * 1024, seed: 20261101);

    /// <summary>A 500-character post of ordinary forum text.</summary>
    public static string Clean500 { get; } = Generate(minimumUtf8Bytes: 2_000, seed: 20261102)[..500];

    /// <summary>
    /// A 500-character post with a secrecy marking, a document number and two handling phrases in
    /// ordinary text, as a leaked notice reposted with comments reads.
    /// </summary>
    public static string Marked500 { get; } = string.Concat(
        "机密★10年\n中办发〔2024〕3号\n关于进一步加强有关工作的通知\n",
        Clean500.AsSpan(0, 200),
        "内部资料，不得外传。",
        Clean500.AsSpan(200))[..500];

    /// <summary>A 500-character post whose second half quotes 300 characters of a protected document.</summary>
    public static string Quoting500 { get; } = string.Concat(Clean500.AsSpan(0, 200), ProtectedDocument(17).AsSpan(1_000, 300));

    /// <summary>
    /// Text registered as protected, 3,000 characters each, from the matching benchmarks' mixed-text
    /// generator so it shares no passage with the posts above unless a post quotes it.
    /// </summary>
    public static string ProtectedDocument(int index) => MatchingCorpus.MixedText(3_000, seed: 1_000 + index);

    public static string Marked => """
        机密★10年
        中办发〔2024〕3号
        关于进一步加强有关工作的通知
        内部资料，不得外传。各单位：现将有关事项通知如下，请认真贯彻执行。
        """;

    private static string Generate(int minimumUtf8Bytes, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        while (Encoding.UTF8.GetByteCount(text.ToString()) < minimumUtf8Bytes)
        {
            text.Append(Sentences[random.Next(Sentences.Length)]);
            if (random.Next(4) == 0)
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }
}
