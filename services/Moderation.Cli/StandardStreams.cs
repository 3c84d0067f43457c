namespace Moderation.Cli;

/// <summary>What a file argument of <c>-</c> opens. Replaceable so the commands can be run in-process by tests.</summary>
public sealed record StandardStreams(Func<Stream> OpenInput, Func<Stream> OpenOutput)
{
    public static StandardStreams Default { get; } = new(Console.OpenStandardInput, Console.OpenStandardOutput);
}
