namespace Moderation.Verdicts.Divisions;

/// <summary>The administrative level of a division code, and so of the department there (Art. 5: county level or above).</summary>
public enum DivisionLevel
{
    County,
    Prefecture,
    Province,
    Central,
}
