using System.Text;
using Moderation.Contracts;

namespace Moderation.Cli.Load;

/// <summary>How the generated posts are made up; every share is a fraction from 0 to 1.</summary>
/// <param name="ChineseShare">Posts written in Chinese; the rest are in English.</param>
/// <param name="SecretShare">Posts that quote secret material (a secrecy marking with a leak), which the scanner holds or removes.</param>
/// <param name="EditShare">Messages that are an edit (the next revision) of an earlier post rather than a new post.</param>
public sealed record MixSettings(double ChineseShare = 0.7, double SecretShare = 0.05, double EditShare = 0.1, int Seed = 1);

/// <summary>One message of the load: which operator sends it, the post itself, and whether it quotes secret material.</summary>
public sealed record LoadPost(int Operator, PostSubmitted Post, bool Secret = false)
{
    public RevisionKey Key => new(Post.BoardId, Post.PostId, Post.Revision);
}

/// <summary>A revision of a post: what one verdict answers.</summary>
public readonly record struct RevisionKey(string BoardId, string PostId, int Revision)
{
    public override string ToString() => $"{BoardId}/{PostId}#{Revision}";
}

/// <summary>
/// A forum's traffic, made up deterministically from a seed: chat lines (10 to 60 characters), replies
/// (100 to 600) and long BBS posts (1,500 to 6,000), in Chinese and English, a share quoting secret
/// material, and edits that are the next revision of an earlier post, always after it in the sequence.
/// </summary>
public static class PostMix
{
    /// <summary>The length classes and how often each occurs (chat lines, replies, long BBS posts).</summary>
    public static readonly IReadOnlyList<(string Name, double Share, int Min, int Max, Channel Channel)> Lengths =
    [
        ("chat", 0.40, 10, 60, Channel.ChatRoom),
        ("reply", 0.45, 100, 600, Channel.Bbs),
        ("long", 0.15, 1_500, 6_000, Channel.Bbs),
    ];

    private static readonly string[] ChinesePhrases =
    [
        "周末一起去爬香山", "有人去吗", "这家店的菜真不错", "楼主说得对", "我觉得还可以再讨论一下", "明天早上八点集合",
        "地铁十号线又晚点了", "孩子的作业太多了", "推荐一本好书", "最近天气转凉注意保暖", "这个版本的更新修复了不少问题",
        "有没有人知道怎么办理居住证", "小区门口新开了一家面馆", "昨天的比赛太精彩了", "求助电脑开不了机", "附上几张照片",
        "感谢大家的回复", "我来补充几点", "以上仅代表个人观点", "顶一下", "学习了", "转发一篇文章供大家参考",
    ];

    private static readonly string[] EnglishWords =
    [
        "the", "weekend", "hike", "anyone", "coming", "server", "returned", "error", "again", "thanks", "for", "reply",
        "update", "fixed", "issue", "book", "recommend", "train", "late", "morning", "meeting", "photos", "attached",
        "opinion", "agree", "question", "about", "release", "notes", "weather", "cold", "school", "homework", "match",
    ];

    // Each secret post carries a secrecy marking with its period, and some also the words of a leak.
    private static readonly string[] SecretMaterial =
    [
        "机密★10年 关于下季度安排的内部通知", "绝密★长期 内部资料 不得外传：第三批次的交付地点改为西郊仓库",
        "秘密★5年 会议纪要（内部传阅，不得复制）", "机密★20年 技术参数表 请勿扩散",
    ];

    /// <summary>Makes <paramref name="count"/> messages for the given boards; board i belongs to operator <paramref name="operatorOfBoard"/>[i].</summary>
    public static IReadOnlyList<LoadPost> Generate(int count, IReadOnlyList<string> boards, IReadOnlyList<int> operatorOfBoard, MixSettings settings, DateTimeOffset submittedAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (boards.Count == 0 || boards.Count != operatorOfBoard.Count)
        {
            throw new ArgumentException("Every board needs its operator, and there must be at least one board.", nameof(boards));
        }

        var random = new Random(settings.Seed);
        var posts = new List<LoadPost>(count);
        var originals = new List<int>(); // indexes in posts of revision-0 posts, the ones an edit may revise
        var revisions = new Dictionary<int, int>();
        for (var i = 0; i < count; i++)
        {
            if (originals.Count > 0 && random.NextDouble() < settings.EditShare)
            {
                // Edits revise a recent post, as people do.
                var original = originals[originals.Count - 1 - random.Next(Math.Min(originals.Count, 500))];
                var revision = revisions[original] = revisions[original] + 1;
                var before = posts[original];
                posts.Add(before with { Post = before.Post with { Revision = revision, Body = before.Post.Body + Edit(random, before.Post), SubmittedAt = submittedAt } });
                continue;
            }

            var board = random.Next(boards.Count);
            var secret = random.NextDouble() < settings.SecretShare;
            posts.Add(new LoadPost(operatorOfBoard[board], NewPost(random, settings.ChineseShare, secret, boards[board], $"p{i:D7}", submittedAt), secret));
            originals.Add(posts.Count - 1);
            revisions[posts.Count - 1] = 0;
        }

        return posts;
    }

    private static PostSubmitted NewPost(Random random, double chineseShare, bool secret, string board, string postId, DateTimeOffset submittedAt)
    {
        var (_, _, min, max, channel) = PickLength(random.NextDouble());
        var chinese = random.NextDouble() < chineseShare;
        var length = random.Next(min, max + 1);
        var body = new StringBuilder(length + 64);
        if (secret)
        {
            body.Append(SecretMaterial[random.Next(SecretMaterial.Length)]).Append('\n');
        }

        while (body.Length < length)
        {
            if (chinese)
            {
                body.Append(ChinesePhrases[random.Next(ChinesePhrases.Length)]).Append(random.Next(4) == 0 ? "。" : "，");
            }
            else
            {
                body.Append(EnglishWords[random.Next(EnglishWords.Length)]).Append(random.Next(8) == 0 ? ". " : " ");
            }
        }

        return new PostSubmitted
        {
            BoardId = board,
            PostId = postId,
            Revision = 0,
            Channel = random.Next(20) == 0 && channel == Channel.Bbs ? Channel.Newsgroup : channel,
            AuthorId = $"u{random.Next(10_000)}",
            Title = channel == Channel.ChatRoom ? null : chinese ? ChinesePhrases[random.Next(ChinesePhrases.Length)] : "About the " + EnglishWords[random.Next(EnglishWords.Length)],
            Body = body.ToString(),
            SubmittedAt = submittedAt,
        };
    }

    /// <summary>The length class a uniform draw from [0, 1) falls in.</summary>
    public static (string Name, double Share, int Min, int Max, Channel Channel) PickLength(double draw)
    {
        foreach (var length in Lengths)
        {
            if (draw < length.Share)
            {
                return length;
            }

            draw -= length.Share;
        }

        return Lengths[^1];
    }

    private static string Edit(Random random, PostSubmitted post) =>
        post.Body.Any(c => c >= 0x4E00) ? "\n【编辑】补充一点：" + ChinesePhrases[random.Next(ChinesePhrases.Length)] : "\n[edit] " + EnglishWords[random.Next(EnglishWords.Length)];
}
