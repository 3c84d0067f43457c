namespace Moderation.Detection.Normalization;

/// <summary>What the normaliser needs to know about one UTF-16 code unit.</summary>
[Flags]
internal enum CharFlags : byte
{
    None = 0,

    /// <summary>Folds to nothing (zero-width, control, stray combining mark).</summary>
    Strip = 1,

    /// <summary>Folds to more than one character (… → ..., ㈱ → (株)).</summary>
    Multi = 2,

    /// <summary>Combines with the character before it, so NFKC must see them together.</summary>
    Combining = 4,

    /// <summary>Separator that is dropped when it stands between two anchors, or an anchor and a digit.</summary>
    Noise = 8,

    /// <summary>Whitespace; a run of it folds to one space.</summary>
    Space = 16,

    /// <summary>CJK ideograph or secrecy star: noise next to one of these is removed if a CJK character or digit follows.</summary>
    Anchor = 32,

    /// <summary>Second half of a surrogate pair: belongs to the character before it.</summary>
    Continuation = 64,

    /// <summary>NFKC rewrites the character, so normalised text never contains it.</summary>
    NfkcChanges = 128,
}
