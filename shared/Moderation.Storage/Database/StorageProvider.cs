namespace Moderation.Storage.Database;

/// <summary>The database engine behind the store.</summary>
public enum StorageProvider
{
    /// <summary>The embedded default: one file, nothing to install.</summary>
    Sqlite,

    /// <summary>The system of record in production.</summary>
    Postgres,
}
