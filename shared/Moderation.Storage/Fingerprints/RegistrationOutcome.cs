namespace Moderation.Storage.Fingerprints;

public enum RegistrationOutcome
{
    /// <summary>The document was registered now.</summary>
    Created,

    /// <summary>The same id with the same fingerprint was already registered: nothing changed.</summary>
    Unchanged,

    /// <summary>The id is registered with a different fingerprint; a registered document is never replaced.</summary>
    Conflict,
}
