using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Moderation.Storage.Database;

namespace Moderation.Storage.Migrations;

/// <summary>The numbered scripts embedded in this assembly, one folder per dialect.</summary>
public static class MigrationCatalog
{
    public static IReadOnlyList<Migration> For(StorageProvider provider)
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        // Embedded resource names look like Moderation.Storage.Migrations.Postgres.0001_initial.sql
        var prefix = $"{assembly.GetName().Name}.Migrations.{provider}.";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var fileName = resource[prefix.Length..];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName[..separator], out var version))
            {
                throw new MigrationException($"Migration script '{fileName}' must be named NNNN_description.sql.");
            }

            var sql = Read(assembly, resource);
            migrations.Add(new Migration(version, fileName[(separator + 1)..^".sql".Length], sql, Checksum(sql)));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new MigrationException($"Two {provider} migration scripts share version {duplicate.Key}.");
        }

        return [.. migrations.OrderBy(m => m.Version)];
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Checksum(string sql) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
}
