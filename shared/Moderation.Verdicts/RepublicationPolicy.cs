using Moderation.Contracts;

namespace Moderation.Verdicts;

/// <summary>
/// Republished material (Art. 9): a board whose policy asks for the provider's consent has a post
/// that names the outlet it was taken from (<see cref="PostSubmitted.Source"/>) but no consent
/// reference held for a moderator, whatever the scan found; a Remove stays a Remove.
/// </summary>
public static class RepublicationPolicy
{
    public const string Rule = "republished-without-consent";
    public const string Category = "republication";

    /// <summary>The reasons' field: the post's <c>source</c>, which names the outlet.</summary>
    public const string Field = "source";

    /// <summary>The verdict, held with the reason when the policy applies and the post has no consent reference.</summary>
    public static PostVerdict Apply(PostVerdict verdict, PostSubmitted post, bool requiresConsent)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(post);
        if (!requiresConsent || post.Source is not { } source || !string.IsNullOrWhiteSpace(source.ConsentReference))
        {
            return verdict;
        }

        var reason = new VerdictReason
        {
            Rule = Rule,
            Category = Category,
            Field = Field,
            // It adds no evidence of secret material, so it leaves the score as the scan found it.
            Weight = 0,
            Description = $"Republished from '{source.Outlet}' without a consent reference: this board holds republished material until a moderator has checked the provider's consent (Art. 9). Send source.consentReference with such posts.",
        };
        return verdict with
        {
            Action = verdict.Action == VerdictAction.Publish ? VerdictAction.Hold : verdict.Action,
            Reasons = [.. verdict.Reasons, reason],
        };
    }
}
