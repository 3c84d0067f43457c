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
        if (reader.TokenType != JsonTokenType.String)
        {
            // Anything else (a number, an object) is not text: the handler names the kind expected.
            throw new JsonException();
        }

        string value;
        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escape such as \ud800 without its other half: not Unicode, so the reader gives no string.
            throw new RefusedTextException(field => $"{field} contains half of a surrogate pair (a \\uD800–\\uDFFF escape without its other half): send the whole pair or remove it.");
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
internal sealed class RefusedTextException(Func<string, string> describe) : JsonException(describe("the value"))
{
    public RefusedTextException(string value)
        : this(field => WireText.ControlCharacterProblem(field, value)!)
    {
    }

    public string Describe(string field) => describe(field);
}
