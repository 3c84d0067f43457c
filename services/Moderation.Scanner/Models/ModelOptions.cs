namespace Moderation.Scanner.Models;

/// <summary>Bound from <c>Moderation:Model</c>.</summary>
public sealed class ModelOptions
{
    public const string Section = "Moderation:Model";

    /// <summary>Score posts with the classifier as well as the rules; off scans with rules and fingerprints alone.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where the default model (trained from the shipped corpus at first use, about two seconds) is
    /// cached; empty: <see cref="Learning.ModelCatalog.DefaultCacheDirectory"/> (shared by every process on the machine).
    /// </summary>
    public string CacheDirectory { get; set; } = "";

    /// <summary>How often a scanner checks the registry for a model activated while it missed the broadcast.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The directory <see cref="CacheDirectory"/> names, or the default one.</summary>
    public string ResolvedCacheDirectory() =>
        string.IsNullOrWhiteSpace(CacheDirectory) ? Learning.ModelCatalog.DefaultCacheDirectory() : CacheDirectory;
}
