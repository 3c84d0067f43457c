using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Moderation.Cli.Scan;

/// <summary>One input line of <c>moderation scan</c>, validated field by field so a rejection names the field.</summary>
internal sealed record PostLine(string Id, string? Title, string Body)
{
    private static readonly string[] s_channels = ["bbs", "chat", "newsgroup"];

    public static bool TryParse(string line, [NotNullWhen(true)] out PostLine? post, [NotNullWhen(false)] out string? problem)
    {
        post = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            problem = $"not valid JSON (near byte {ex.BytePositionInLine + 1})";
            return false;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"expected a JSON object, found {Describe(root.ValueKind)}";
                return false;
            }

            // The first problem wins; later reads are skipped once one is found.
            problem = null;
            string? id = ReadString(root, "id", required: true, ref problem);
            string? body = ReadString(root, "body", required: true, ref problem);
            string? title = ReadString(root, "title", required: false, ref problem);
            ReadString(root, "boardId", required: false, ref problem);
            string? channel = ReadString(root, "channel", required: false, ref problem);

            if (problem is null && id!.Length == 0)
            {
                problem = "field 'id' must not be empty";
            }

            if (problem is null && channel is not null && !s_channels.Contains(channel))
            {
                problem = $"field 'channel' must be one of {string.Join(", ", s_channels)}, found '{channel}'";
            }

            if (problem is not null)
            {
                return false;
            }

            post = new PostLine(id!, title, body!);
            return true;
        }
    }

    /// <summary>A string field, or null when it is absent or JSON null (a problem if <paramref name="required"/>).</summary>
    private static string? ReadString(JsonElement root, string field, bool required, ref string? problem)
    {
        if (problem is not null)
        {
            return null;
        }

        if (!root.TryGetProperty(field, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            problem = required ? $"field '{field}' is missing" : null;
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            problem = $"field '{field}' must be a string, found {Describe(element.ValueKind)}";
            return null;
        }

        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON but no text: the reader refuses to decode it.
            problem = $"field '{field}' holds a lone surrogate escape (\\uD800–\\uDFFF without its pair), which is not text";
            return null;
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
