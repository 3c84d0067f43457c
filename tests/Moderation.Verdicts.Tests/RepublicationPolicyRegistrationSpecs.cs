using Moderation.Contracts;

namespace Moderation.Verdicts.Tests;

public sealed class RepublicationPolicyRegistrationSpecs
{
    private static readonly PostSubmitted Republished = new()
    {
        BoardId = "b", PostId = "p", AuthorId = "a", Body = "转载", SubmittedAt = DateTimeOffset.UnixEpoch,
        Source = new PostSource { Outlet = "news.example.cn" },
    };

    private static PostVerdict Verdict(VerdictAction action) => new() { BoardId = "b", PostId = "p", Action = action, Score = 0.1 };

    [Fact]
    public void Without_consent_a_publish_becomes_a_hold_with_the_reason_and_the_score_is_kept()
    {
        var held = RepublicationPolicy.Apply(Verdict(VerdictAction.Publish), Republished, requiresConsent: true);

        held.Action.Should().Be(VerdictAction.Hold);
        held.Score.Should().Be(0.1);
        held.Reasons.Should().ContainSingle(r => r.Rule == RepublicationPolicy.Rule && r.Field == "source" && r.Description!.Contains("news.example.cn"));
    }

    [Fact]
    public void A_remove_stays_a_remove_and_gains_the_reason()
    {
        var removed = RepublicationPolicy.Apply(Verdict(VerdictAction.Remove), Republished, requiresConsent: true);

        removed.Action.Should().Be(VerdictAction.Remove);
        removed.Reasons.Should().ContainSingle(r => r.Rule == RepublicationPolicy.Rule);
    }

    [Theory]
    [InlineData(false, null, true)]
    [InlineData(true, "授权-2026-117", true)]
    [InlineData(true, null, false)]
    public void Nothing_changes_without_the_policy_with_a_consent_reference_or_for_an_original_post(bool requiresConsent, string? consent, bool republished)
    {
        var post = Republished with { Source = republished ? new PostSource { Outlet = "news.example.cn", ConsentReference = consent } : null };

        var verdict = RepublicationPolicy.Apply(Verdict(VerdictAction.Publish), post, requiresConsent);

        verdict.Action.Should().Be(VerdictAction.Publish);
        verdict.Reasons.Should().BeEmpty();
    }
}
