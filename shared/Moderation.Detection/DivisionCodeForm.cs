namespace Moderation.Detection;

/// <summary>
/// The form of a GB/T 2260 division code where detection meets one (a rule's scope, a fingerprint
/// file's registering department): six ASCII digits. Whether a code names a real area, and which
/// areas it lies in, is <c>DivisionCode</c>'s in Moderation.Verdicts, the one model of division codes;
/// detection only compares a rule's scope with the areas the caller names, so a well-formed code of
/// no real area simply matches no board.
/// </summary>
internal static class DivisionCodeForm
{
    public static bool IsWellFormed(string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);
}
