namespace Moderation.Cli.Load;

/// <summary>A post not accepted: why, and whether sending it again can help (the broker or the Api away, a rate limit) or cannot (a refusal of the post itself).</summary>
public sealed record SendFailure(string Message, bool Transient);
