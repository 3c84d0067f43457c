using Moderation.Contracts;
using Moderation.Integration.Tests.Support;
using Moderation.Verdicts;
using static Moderation.Integration.Tests.Support.ForumClient;

namespace Moderation.Integration.Tests;

/// <summary>
/// Republished material (Art. 9), through the real broker and scanner: a board whose policy asks for
/// the provider's consent (chosen by its organizer when applying) has a republished post without a
/// consent reference held, with that reason.
/// </summary>
public sealed class RepublishedPostRegistrationSpecs : PipelineSpecs
{
    private const string Clean = "周末一起去爬香山，有人去吗？";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task A_republished_post_without_consent_is_held_with_that_reason_where_the_boards_policy_asks_for_it()
    {
        var strict = Pipeline.BoardId + "-strict";
        using (var registrar = await Pipeline.RegistrarAsync())
        {
            // The policy is chosen on the application form and carried to the board on approval.
            await registrar.ApprovedAsync(strict, Pipeline.OperatorId, republicationRequiresConsent: true);
        }

        await Pipeline.StartScannerAsync();
        await using var forum = await Pipeline.ConnectForumAsync();

        await forum.PublishAsync(Posts.Create(strict, "no-consent", Clean) with { Source = new PostSource { Outlet = "news.example.cn" } });
        await forum.PublishAsync(Posts.Create(strict, "with-consent", Clean) with { Source = new PostSource { Outlet = "news.example.cn", ConsentReference = "授权-2026-117" } });
        await forum.PublishAsync(Posts.Create(strict, "original", Clean));
        await forum.PublishAsync(Posts.Create(Pipeline.BoardId, "elsewhere", Clean) with { Source = new PostSource { Outlet = "news.example.cn" } });

        var verdicts = (await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 4, Patience)).ToDictionary(v => Text(v, "postId"));
        verdicts.Should().HaveCount(4, Pipeline.ServiceLogs);
        Text(verdicts["no-consent"], "action").Should().Be(nameof(VerdictAction.Hold));
        var reason = verdicts["no-consent"].GetProperty("reasons").EnumerateArray().Single(r => Text(r, "rule") == RepublicationPolicy.Rule);
        Text(reason, "category").Should().Be(RepublicationPolicy.Category);
        Text(reason, "field").Should().Be("source");
        Text(reason, "description").Should().Contain("Republished from 'news.example.cn' without a consent reference");
        Text(verdicts["with-consent"], "action").Should().Be(nameof(VerdictAction.Publish));
        Text(verdicts["original"], "action").Should().Be(nameof(VerdictAction.Publish));
        Text(verdicts["elsewhere"], "action").Should().Be(nameof(VerdictAction.Publish), "that board's policy does not ask for consent");
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM review_cases")).Should().Be(1, "the held post waits for a moderator");
        (await Pipeline.ScalarAsync<string>("SELECT source_outlet FROM posts WHERE post_id = 'no-consent'")).Should().Be("news.example.cn");
    }

    [Fact]
    public async Task A_source_too_long_is_rejected_naming_the_field()
    {
        await Pipeline.StartScannerAsync();
        await using var forum = await Pipeline.ConnectForumAsync();

        await forum.PublishAsync(Posts.Create(Pipeline.BoardId, "long-source", Clean) with { Source = new PostSource { Outlet = "news.example.cn", ConsentReference = new string('x', 501) } });

        var notice = (await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 1, Patience)).Should().ContainSingle(Pipeline.ServiceLogs).Subject;
        Text(notice, "code").Should().Be(nameof(RejectionCode.Malformed));
        Text(notice, "reason").Should().Contain("source.consentReference is 501 characters long; at most 500");
    }
}
