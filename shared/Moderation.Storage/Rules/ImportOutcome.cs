namespace Moderation.Storage.Rules;

public enum ImportOutcome
{
    /// <summary>A new version was stored.</summary>
    Created,

    /// <summary>The same version with the same source was already there: nothing changed.</summary>
    Unchanged,

    /// <summary>The version exists with a different source; a changed rule set needs a new version.</summary>
    VersionConflict,
}
