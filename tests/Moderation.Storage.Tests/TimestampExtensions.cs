namespace Moderation.Storage.Tests;

internal static class TimestampExtensions
{
    /// <summary>PostgreSQL keeps microseconds; both engines are held to that precision.</summary>
    public static DateTimeOffset TruncateToMicroseconds(this DateTimeOffset value) =>
        new DateTimeOffset(value.Ticks - (value.Ticks % 10), value.Offset).ToUniversalTime();
}
