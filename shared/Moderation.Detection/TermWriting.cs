namespace Moderation.Detection;

/// <summary>How a term must have been written in the post for a terms rule's hit to count (<c>writtenAs</c> in the rule set).</summary>
public enum TermWriting
{
    /// <summary>However written: the normalised text matched.</summary>
    Any,

    /// <summary>
    /// In disguise: anything but spaces between or instead of Chinese characters (dots, emoji,
    /// zero-width characters, markup, pinyin), or Latin letters that are not plain (look-alikes,
    /// styled or enclosed letters, digits for letters, letters spaced out). Nobody writes
    /// <c>机💣密</c> or <c>ТОР SЕСRЕТ</c> by accident, so the disguise is evidence where the plain word is not.
    /// </summary>
    Disguise,

    /// <summary>
    /// In capital letters (<c>SECRET</c>, <c>TOP SECRET</c>): a classification level as documents print
    /// it, where "a secret" or "Top secret: I got the job" is casual English, and <c>JWT_SECRET</c> is a
    /// name in code.
    /// </summary>
    Capitals,
}
