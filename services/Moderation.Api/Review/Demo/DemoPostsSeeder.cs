using Microsoft.Extensions.Options;
using Moderation.Api.Posts;
using Moderation.Contracts;
using Moderation.Intake;
using Moderation.Storage.Boards;
using Moderation.Storage.Posts;
using Moderation.Api.Review.Listing;

namespace Moderation.Api.Review.Demo;

/// <summary>
/// A few suspicious posts on the demo board, submitted like any forum's, so a fresh standalone
/// install shows a working queue at once. Only when asked (<c>Moderation:Review:SeedDemoPosts</c>)
/// and only into an empty queue.
/// </summary>
internal sealed class DemoPostsSeeder(
    ListCasesSql cases,
    PostRepository posts,
    PostPublisher publisher,
    IOptions<DemoPostsOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<DemoPostsSeeder> logger) : BackgroundService
{
    public static readonly (string PostId, string? Title, string Body)[] Posts =
    [
        ("demo-1", "会议纪要", "会议纪要：内部资料 不得外传，下周的安排见附件，请各部门按时参加。"),
        ("demo-2", "转发", "绝密★长期 内部资料 不得外传：第三批次的交付地点改为西郊仓库，联系人老王。"),
        ("demo-3", "<b>通知</b>", "<script>alert('xss')</script><img src=x onerror=alert(1)> 会议通知：内部资料 不得外传，下周的安排见附件，请各部门按时参加。"),
        ("demo-4", null, "文号 国办发〔2026〕12号 的征求意见稿，大家看看。"),
        ("demo-5", "闲聊", "听说那份内部资料已经被人截图传开了？部队调动的那几页也在里面"),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SeedDemoPosts)
        {
            return;
        }

        // After start: the bus is running then, and the scanner is listening.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        if (await cases.CountAsync(new CaseFilter(), stoppingToken) > 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (postId, title, body) in Posts)
        {
            var post = new PostSubmitted
            {
                BoardId = DemoData.ApprovedBoardId,
                PostId = postId,
                Revision = 0,
                Channel = Channel.Bbs,
                AuthorId = "demo-user",
                Title = title,
                Body = body,
                SubmittedAt = now,
            };
            await posts.AcceptAsync(PostRecords.FromSubmission(post, now), stoppingToken);
            await publisher.PublishAsync(post, stoppingToken);
        }

        logger.LogInformation("Submitted {Count} demo posts to {BoardId}; held ones appear in the review queue", Posts.Length, DemoData.ApprovedBoardId);
    }
}
