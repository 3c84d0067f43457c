namespace Moderation.Storage.Departments;

/// <summary>
/// The demo department directory (deploy/seed/departments.jsonl, embedded): the central bureau,
/// Beijing with its districts, Zhejiang with its prefectures and the counties of Hangzhou and Ningbo.
/// Seeded only into an empty directory, so an administrator's edits survive restarts.
/// </summary>
public static class DemoDepartments
{
    private const string Resource = "Moderation.Storage.Seed.departments.jsonl";

    public static string Text()
    {
        using var stream = typeof(DemoDepartments).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded resource {Resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static async Task<int> SeedAsync(DepartmentRepository departments, CancellationToken cancellationToken)
    {
        if ((await departments.ListAsync(cancellationToken)).Count > 0)
        {
            return 0;
        }

        var (parsed, problems) = DepartmentFile.Parse(Text());
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"The embedded demo department directory is invalid: {string.Join("; ", problems)}");
        }

        var refused = await departments.ImportAsync(parsed, cancellationToken);
        return refused.Count == 0 ? parsed.Count : throw new InvalidOperationException($"The demo department directory was refused: {string.Join("; ", refused)}");
    }
}
