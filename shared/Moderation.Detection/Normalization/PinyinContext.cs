namespace Moderation.Detection.Normalization;

/// <summary>Where a pinyin spelling is read as the characters it spells (<see cref="PinyinFolding"/>).</summary>
internal enum PinyinContext : byte
{
    /// <summary>Wherever it stands as a word: phrases of four syllables or more do not occur by chance.</summary>
    Anywhere,

    /// <summary>A classification level (绝密, 机密, 秘密): only before a star, after 密级, or inside 【】〔〕〖〗.</summary>
    MarkingLevel,

    /// <summary>The period of a marking (长期, 年, 个月, a number): only after the star, or after a number after the star.</summary>
    MarkingPeriod,
}
