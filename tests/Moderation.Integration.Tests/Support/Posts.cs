using Moderation.Contracts;

namespace Moderation.Integration.Tests.Support;

/// <summary>Posts of every kind the scanner decides between.</summary>
public static class Posts
{
    private static readonly string[] Clean =
    [
        "周末一起去爬香山，有人去吗？",
        "这家店的秘密配方果然名不虚传，★★★★★ 五星好评！",
        "Java 内部类的用法总结，附示例代码。",
        "Server returned 500 internal server error again.",
    ];

    private static readonly string[] Held = ["请看附件：机密★10年 关于下季度安排"];

    private static readonly string[] Removed = ["绝密★长期 内部资料 不得外传：第三批次的交付地点改为西郊仓库"];

    /// <summary>The expected action of the i-th mixed post: mostly clean, some held, some removed.</summary>
    public static VerdictAction ExpectedAction(int i) => (i % 10) switch
    {
        8 => VerdictAction.Hold,
        9 => VerdictAction.Remove,
        _ => VerdictAction.Publish,
    };

    public static PostSubmitted Mixed(string boardId, int i, string prefix = "post") => Create(boardId, $"{prefix}-{i:D5}", ExpectedAction(i) switch
    {
        VerdictAction.Hold => Held[i % Held.Length],
        VerdictAction.Remove => Removed[i % Removed.Length],
        _ => Clean[i % Clean.Length],
    });

    public static PostSubmitted Create(string boardId, string postId, string body, int revision = 0) => new()
    {
        BoardId = boardId,
        PostId = postId,
        Revision = revision,
        Channel = Channel.Bbs,
        AuthorId = "author-7",
        Title = "帖子",
        Body = body,
        SubmittedAt = DateTimeOffset.UtcNow.AddSeconds(-1),
    };
}
