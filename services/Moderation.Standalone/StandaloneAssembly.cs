namespace Moderation.Standalone;

/// <summary>
/// Names this assembly for <c>WebApplicationFactory</c>: every service's top-level <c>Program</c> is
/// public, so <c>Program</c> alone is ambiguous where the host references the scanner and the API.
/// </summary>
public sealed class StandaloneAssembly
{
    private StandaloneAssembly()
    {
    }
}
