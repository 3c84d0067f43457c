namespace Moderation.Cli.Load;

/// <summary>The pause before a post is sent again: short at first, doubling to a few seconds, so a restarting broker is not flooded.</summary>
public static class RetryPause
{
    public static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(3);

    public static TimeSpan After(TimeSpan pause) => pause * 2 < Longest ? pause * 2 : Longest;
}
