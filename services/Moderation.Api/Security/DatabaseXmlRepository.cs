using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Moderation.Storage.Database;

namespace Moderation.Api.Security;

/// <summary>
/// Data-protection keys in the database, so every API instance reads the cookies and antiforgery
/// tokens any other issued. The interface is synchronous; key ring reads are rare (cached by the
/// framework for hours), so blocking here costs nothing noticeable.
/// </summary>
internal sealed class DatabaseXmlRepository(ModerationDatabase database, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        return [.. connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at").Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        const string Sql = """
            INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @now)
            ON CONFLICT (friendly_name) DO NOTHING
            """;
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        connection.Execute(Sql, new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), now = time.GetUtcNow() });
    }
}
