using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Moderation.Contracts;

/// <summary>
/// Reads a time only when it says its offset (<c>Z</c>, <c>+08:00</c>): a time without one would be
/// read in the receiving server's own zone, so the same text would mean different instants on
/// different servers. Writes the ISO-8601 form with the offset, as before.
/// </summary>
internal sealed partial class OffsetTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("must be a time in ISO-8601 with an offset, in quotes (e.g. \"2026-11-24T08:30:00+08:00\").");
        }

        var text = reader.GetString()!;
        if (!reader.TryGetDateTimeOffset(out var value))
        {
            throw new JsonException($"'{WireText.Printable(text)}' is not a time: send ISO-8601 with an offset (e.g. 2026-11-24T08:30:00+08:00).");
        }

        if (!WithOffset().IsMatch(text))
        {
            throw new JsonException($"'{WireText.Printable(text)}' has no offset: add the time zone's offset, e.g. {text}+08:00 or {text}Z, so the time means one instant wherever it is read.");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>A date, a 'T', a time without signs, then 'Z' or a signed offset.</summary>
    [GeneratedRegex(@"^[^Tt]+[Tt][^Zz+\-]+(?:[Zz]|[+\-]\d{2}(?::?\d{2})?)$")]
    private static partial Regex WithOffset();
}
