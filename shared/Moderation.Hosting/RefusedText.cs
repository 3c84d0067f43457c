using System.Text.Json;
using System.Text.Json.Serialization;
using Moderation.Contracts;

namespace Moderation.Hosting;

/// <summary>
/// Reads every string of an HTTP request body and refuses one holding a character no text may hold
/// (<see cref="WireText.ControlCharacterProblem"/>), so a NUL in any field is a 400 naming that field
/// instead of reaching the database (PostgreSQL cannot store it). HTTP only: over AMQP a refusal here
/// would park the whole message unanswered, so there the message's own validation says it instead.
/// </summary>
internal sealed class RefusedTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (value is null)
        {
            // Anything else (a number, an object) is not text: the default message names the expected kind.
            throw new JsonException();
        }

        return WireText.IndexOfForbidden(value) < 0 ? value : throw new RefusedTextException(value);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var name = reader.GetString()!;
        return WireText.IndexOfForbidden(name) < 0 ? name : throw new RefusedTextException(name);
    }

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    public override bool HandleNull => false;
}

/// <summary>A string refused by <see cref="RefusedTextConverter"/>; the message is completed with the field once its path is known.</summary>
internal sealed class RefusedTextException(string value) : JsonException(WireText.ControlCharacterProblem("the value", value))
{
    public string Describe(string field) => WireText.ControlCharacterProblem(field, value)!;
}
