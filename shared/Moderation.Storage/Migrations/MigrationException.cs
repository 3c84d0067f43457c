namespace Moderation.Storage.Migrations;

/// <summary>The schema cannot be brought up to date; the message says which script and why.</summary>
public sealed class MigrationException(string message, Exception? inner = null) : Exception(message, inner);
