namespace Moderation.Notifier.Delivery;

/// <summary>A delivery attempt failed; the message says why in terms an administrator can act on.</summary>
public sealed class DeliveryFailedException(string message, Exception? inner = null) : Exception(message, inner);
