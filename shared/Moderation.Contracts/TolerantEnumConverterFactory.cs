using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.Contracts;

/// <summary>
/// Reads a contract enum from its name (any case) or number and writes its name. An unknown name
/// reads as an undefined value instead of failing the whole message, so validation can tell the
/// forum which field is wrong rather than the message being parked as undeserialisable.
/// </summary>
internal sealed class TolerantEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum && typeToConvert.Namespace == "Moderation.Contracts";

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(TolerantEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class TolerantEnumConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private static readonly T Unknown = (T)Enum.ToObject(typeof(T), -1);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String when Enum.TryParse<T>(reader.GetString(), ignoreCase: true, out var named) && !int.TryParse(reader.GetString(), out _) => named,
            JsonTokenType.Number when reader.TryGetInt32(out var number) => (T)Enum.ToObject(typeof(T), number),
            _ => Unknown,
        };

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
