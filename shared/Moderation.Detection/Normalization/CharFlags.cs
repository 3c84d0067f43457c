namespace Moderation.Detection.Normalization;

/// <summary>What the normaliser needs to know about one UTF-16 code unit.</summary>
[Flags]
internal enum CharFlags : ushort
{
    None = 0,

    /// <summary>Folds to nothing (zero-width, control, stray combining mark).</summary>
    Strip = 1,

    /// <summary>Folds to more than one character (… → ..., ㈱ → (株), ⓫ → 11).</summary>
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

    /// <summary>
    /// Folding always rewrites the character (NFKC, traditional → simplified, a digit style, a star
    /// look-alike), so normalised text never contains it.
    /// </summary>
    Rewritten = 128,

    /// <summary>A folded Cyrillic or Greek letter that looks like a Latin one (<see cref="HomoglyphFolding"/>).</summary>
    Lookalike = 256,

    /// <summary>A folded character that can spell pinyin: a-z, or a vowel with a tone mark (<see cref="PinyinFolding"/>).</summary>
    PinyinLetter = 512,

    /// <summary>A folded Chinese numeral (一, 十, 〇, 叁 …) that can be read as a number (<see cref="NumeralFolding"/>).</summary>
    Numeral = 1024,

    /// <summary>
    /// A character next to which a rule needs a number (the star, brackets, 号, 部): numerals are read as
    /// digits only in text that has both.
    /// </summary>
    NumberContext = 2048,

    /// <summary>The start of an HTML tag or comment (<see cref="MarkupFolding"/>).</summary>
    Markup = 4096,

    /// <summary>A digit or sign leetspeak writes for a letter (<see cref="LatinBannerFolding"/>).</summary>
    Leet = 8192,

    /// <summary>The flags that make a context fold look at the text after the character pass.</summary>
    ContextHints = Lookalike | PinyinLetter | Numeral | Markup,
}
