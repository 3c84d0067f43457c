namespace Moderation.Detection.Fingerprints;

/// <summary>How a text matched a protected document.</summary>
public enum FingerprintMatchKind
{
    /// <summary>A region of the text shares enough winnowed k-gram hashes with the document: a copied passage.</summary>
    Passage,

    /// <summary>The text's SimHash lies within a few bits of the document's: a near-duplicate of the whole.</summary>
    NearDuplicate,
}
