namespace Moderation.Verdicts.Divisions;

/// <summary>
/// GB/T 2260 administrative division codes: six digits, two each for province, prefecture and
/// county. <c>XX0000</c> is a province, <c>XXXX00</c> a prefecture, anything else a county.
/// <see cref="Central"/> (100000, the code the standard's tables use for the country as a whole)
/// stands for the central organs, whose area is every division. The one model of a division code:
/// department routing, officers' jurisdiction, department rule scopes and order targets all ask it.
/// </summary>
public static class DivisionCode
{
    public const string Central = "100000";

    // The province-level prefixes GB/T 2260 assigns (including Taiwan 71, Hong Kong 81, Macao 82).
    private static readonly HashSet<string> Provinces =
    [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82",
    ];

    /// <summary>Null when valid, otherwise why not, in words a person can act on.</summary>
    public static string? Problem(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "a division code is required (six digits, GB/T 2260, e.g. 110105)";
        }

        if (code.Length != 6 || code.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            return $"'{code}' is not six digits (GB/T 2260 codes look like 110105)";
        }

        if (code == Central)
        {
            return null;
        }

        if (!Provinces.Contains(code[..2]))
        {
            return $"'{code}' starts with {code[..2]}, which is no province-level code of GB/T 2260 (11 Beijing … 65 Xinjiang, 71, 81, 82)";
        }

        if (code[2..4] == "00" && code[4..] != "00")
        {
            return $"'{code}' has a county part but no prefecture part (digits 3-4 are 00)";
        }

        return null;
    }

    public static bool IsValid(string? code) => Problem(code) is null;

    public static DivisionLevel LevelOf(string code) =>
        code == Central ? DivisionLevel.Central
        : code.EndsWith("0000", StringComparison.Ordinal) ? DivisionLevel.Province
        : code.EndsWith("00", StringComparison.Ordinal) ? DivisionLevel.Prefecture
        : DivisionLevel.County;

    /// <summary>The code itself, then each level above it up to the central level: the routing walk.</summary>
    public static IReadOnlyList<string> SelfAndAncestors(string code)
    {
        var walk = new List<string> { code };
        void Add(string next)
        {
            if (walk[^1] != next)
            {
                walk.Add(next);
            }
        }

        if (code != Central)
        {
            Add(code[..4] + "00");
            Add(code[..2] + "0000");
            Add(Central);
        }

        return walk;
    }

    /// <summary>
    /// The areas <paramref name="code"/> lies in, its own first (<see cref="SelfAndAncestors"/>);
    /// none for a missing or invalid code, which lies in no department's area.
    /// </summary>
    public static IReadOnlyList<string> AreasOf(string? code) => IsValid(code) ? SelfAndAncestors(code!) : [];

    /// <summary>
    /// Whether <paramref name="code"/> lies within the area of <paramref name="area"/> (the area itself
    /// included; <see cref="Central"/> covers every division). A code that is no division lies in no area.
    /// </summary>
    public static bool Covers(string area, string? code) => AreasOf(code).Contains(area);

    /// <summary>
    /// The leading digits every code within <paramref name="area"/> shares: <c>11</c> for a province,
    /// <c>1101</c> for a prefecture, the code itself for a county, nothing for central (every code).
    /// </summary>
    public static string AreaPrefix(string area) => LevelOf(area) switch
    {
        DivisionLevel.Central => "",
        DivisionLevel.Province => area[..2],
        DivisionLevel.Prefecture => area[..4],
        _ => area,
    };

    /// <summary>A <c>LIKE</c> pattern matching every code within <paramref name="area"/>: <c>11%</c>, <c>1101%</c>, the county's own code, <c>%</c>.</summary>
    public static string AreaPattern(string area) => LevelOf(area) == DivisionLevel.County ? area : AreaPrefix(area) + "%";
}
