namespace Moderation.Cli.Load;

/// <summary>A post not accepted: why, and whether sending it again can help (the broker or the Api away, a rate limit) or cannot (a refusal of the post itself).</summary>
public sealed record SendFailure(string Message, bool Transient)
{
    /// <summary>Whether an HTTP refusal can pass: too many requests or a server error; any other is about the post and would come again.</summary>
    public static bool Passes(int status) => status is 429 or >= 500;
}
