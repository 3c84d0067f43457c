namespace Moderation.Learning.Tests;

/// <summary>Files of the repository that tests read: the yardstick, the shipped corpus, documentation.</summary>
internal static class RepositoryFiles
{
    /// <summary>The directory holding <c>Moderation.sln</c>, above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Moderation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("No Moderation.sln above the test binaries.");
    }
}
