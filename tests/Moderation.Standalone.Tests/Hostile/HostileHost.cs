using Moderation.Standalone.Tests.Review;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Hostile;

/// <summary>
/// One standalone host on PostgreSQL for all the hostile-input specifications, which run one after
/// another on it: each counts what it stored against what was there before it. The per-operator flood
/// limit is raised so that every post reaches validation; the flood specifications lower it on a host
/// of their own.
/// </summary>
public sealed class HostileHost : IAsyncLifetime
{
    public ReviewHost Review { get; private set; } = null!;

    /// <summary>The demo forum's key.</summary>
    public HttpClient Forum { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Review = await ReviewHost.StartOnPostgresAsync(new Dictionary<string, string> { ["Moderation:Security:PostsPerOperatorPerSecond"] = "1000000" });
        Forum = Review.Factory.CreateClient(TestCredentials.ForumKey);
        Admin = Review.Factory.CreateClient(TestCredentials.AdminKey);
    }

    public async Task DisposeAsync()
    {
        Forum.Dispose();
        Admin.Dispose();
        await Review.DisposeAsync();
    }
}
