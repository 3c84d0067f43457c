using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Moderation.Contracts;

/// <summary>
/// The JSON shape of everything the system writes for another party: messages on the broker, the
/// HTTP API's bodies, and the incident reports departments receive by webhook, e-mail or AMQP.
/// camelCase names, enums as their names, CJK text unescaped. One set of options, so a field reads the
/// same wherever a forum or a department meets it.
/// </summary>
public static class WireFormat
{
    public static JsonSerializerOptions Options { get; } = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>
    /// Applies the wire conventions to a serializer's options. Presence of <c>required</c> members is not
    /// enforced while reading: a forum that leaves out <c>body</c> must get a <c>PostRejected</c> naming
    /// the field, not have its message vanish into an error queue as undeserialisable. A property named
    /// twice is refused (which one counts would be a guess: the last <c>boardId</c> would win), and so is
    /// a time without an offset (<see cref="OffsetTimeConverter"/>).
    /// </summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.AllowDuplicateProperties = false;
        if (!options.Converters.Any(c => c is OffsetTimeConverter))
        {
            options.Converters.Add(new OffsetTimeConverter());
        }

        if (!options.Converters.Any(c => c is TolerantEnumConverterFactory))
        {
            // Ahead of any general enum converter, so contract enums are read tolerantly.
            options.Converters.Insert(0, new TolerantEnumConverterFactory());
        }

        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(AllowMissingRequiredMembers);
        return options;
    }

    private static void AllowMissingRequiredMembers(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type.Namespace != "Moderation.Contracts")
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            property.IsRequired = false;
        }
    }
}
