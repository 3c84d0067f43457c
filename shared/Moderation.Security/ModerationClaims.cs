namespace Moderation.Security;

/// <summary>Claim types beyond name and role that scope what a caller may see.</summary>
public static class ModerationClaims
{
    /// <summary>An officer's jurisdiction: a 6-digit division code; that area and the areas below it.</summary>
    public const string DivisionCode = "moderation:division";

    /// <summary>A machine key's operator: it may submit and read only for that operator's boards.</summary>
    public const string OperatorId = "moderation:operator";

    /// <summary>The account's security stamp, checked so a changed password or role ends old sessions.</summary>
    public const string SecurityStamp = "moderation:stamp";
}
