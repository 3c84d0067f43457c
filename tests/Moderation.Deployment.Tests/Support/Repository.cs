using Moderation.Testing;

namespace Moderation.Deployment.Tests.Support;

/// <summary>Paths in the repository these tests read: the chart, the images, the broker definitions.</summary>
internal static class Repository
{
    public static string Root { get; } = ServiceProcess.FindRepositoryRoot(AppContext.BaseDirectory);

    public static string Chart => Path.Combine(Root, "helm", "moderation");

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);
}
