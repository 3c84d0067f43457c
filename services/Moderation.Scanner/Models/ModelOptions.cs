using Moderation.Detection.Classification;

namespace Moderation.Scanner.Models;

/// <summary>Bound from <c>Moderation:Model</c>.</summary>
public sealed class ModelOptions
{
    public const string Section = "Moderation:Model";

    /// <summary>Score posts with the classifier as well as the rules; off scans with rules and fingerprints alone.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The model scored with while none is activated in the registry; empty: the default model the
    /// build trained from the shipped corpus and put beside the service (<see cref="ModelFile.ShippedDefaultPath"/>).
    /// </summary>
    public string DefaultModelFile { get; set; } = "";

    /// <summary>How often a scanner checks the registry for a model activated while it missed the broadcast.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The file <see cref="DefaultModelFile"/> names, or the shipped one.</summary>
    public string ResolvedDefaultModelFile() =>
        string.IsNullOrWhiteSpace(DefaultModelFile) ? ModelFile.ShippedDefaultPath() : DefaultModelFile;
}
