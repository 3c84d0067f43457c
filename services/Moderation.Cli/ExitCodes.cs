namespace Moderation.Cli;

/// <summary>Exit codes shared by every command, so scripts can tell bad data from bad usage.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran, but some of its input was rejected (reported on standard error).</summary>
    public const int InvalidInput = 1;

    /// <summary>The command could not run: a missing option, an input file that does not exist, an output that cannot be written.</summary>
    public const int UsageError = 2;
}
