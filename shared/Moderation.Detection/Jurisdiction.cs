namespace Moderation.Detection;

/// <summary>
/// Administrative division codes (GB/T 2260, six digits: province, prefecture, county, two each).
/// A department's area is its own code and everything below it: a province code ends in <c>0000</c>,
/// a prefecture code in <c>00</c>.
/// </summary>
public static class Jurisdiction
{
    public static bool IsDivisionCode(string? code) =>
        code is { Length: 6 } && code.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0 && !code.StartsWith("00", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="divisionCode"/> lies within the area of <paramref name="areaCode"/>.</summary>
    public static bool Covers(string areaCode, string? divisionCode)
    {
        if (!IsDivisionCode(divisionCode))
        {
            return false;
        }

        var significant = areaCode.EndsWith("0000", StringComparison.Ordinal) ? 2
            : areaCode.EndsWith("00", StringComparison.Ordinal) ? 4
            : 6;
        return string.CompareOrdinal(areaCode, 0, divisionCode, 0, significant) == 0;
    }
}
