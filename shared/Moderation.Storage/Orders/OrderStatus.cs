namespace Moderation.Storage.Orders;

/// <summary>States of takedown and rectification orders.</summary>
public static class OrderStatus
{
    public const string Open = "Open";

    /// <summary>The deadline passed with work outstanding; the order was escalated.</summary>
    public const string Overdue = "Overdue";

    public const string Completed = "Completed";

    /// <summary>A rectification order whose board was suspended for not complying (Art. 13).</summary>
    public const string BoardSuspended = "BoardSuspended";
}
