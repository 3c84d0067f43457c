namespace Moderation.Cli.Load;

/// <summary>The load could not be set up (registration refused, broker unreachable); the message says what to fix.</summary>
public sealed class LoadSetupException(string message) : Exception(message);
