namespace Moderation.Verdicts.Divisions;

/// <summary>The area a person may act in: an officer's division and everything below it; every area for an administrator.</summary>
public static class Jurisdiction
{
    /// <returns>The area's division code, or null when the person has none (an officer without a valid division code).</returns>
    public static string? AreaOf(bool isAdministrator, string? divisionCode) =>
        isAdministrator ? DivisionCode.Central
        : DivisionCode.IsValid(divisionCode) ? divisionCode
        : null;
}
