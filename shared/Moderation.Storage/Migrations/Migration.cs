namespace Moderation.Storage.Migrations;

/// <summary>One numbered script, e.g. <c>0001_initial.sql</c>.</summary>
public sealed record Migration(int Version, string Name, string Sql, string Checksum);
