using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Moderation.Contracts;
using Moderation.Detection;

namespace Moderation.Verdicts;

/// <summary>
/// One verdict as one line of JSON, the output of <c>moderation scan</c>: the reasons
/// <see cref="ScanVerdict.Reasons"/> gives the scanner's verdict, with the same rounding, written
/// without the fields a reason does not have.
/// </summary>
public static class VerdictJson
{
    // The output is data for other tools, never HTML, so CJK text stays readable instead of \u-escaped.
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <returns>UTF-8 JSON followed by a newline.</returns>
    public static byte[] Serialize(string id, ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, s_options))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("action", ActionName(ScanVerdict.ToAction(result.Decision)));
            json.WriteNumber("score", ScanVerdict.Round(result.Score));
            json.WriteStartArray("reasons");
            foreach (var reason in ScanVerdict.Reasons(result))
            {
                Write(json, reason);
            }

            json.WriteEndArray();
            json.WriteString("ruleSetVersion", result.RuleSetVersion);
            if (result.Model is not null)
            {
                json.WriteString("modelVersion", result.Model.Version);
            }

            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A reason about the whole post (the model, the decision) has no span: its start and length are 0.</summary>
    private static void Write(Utf8JsonWriter json, VerdictReason reason)
    {
        json.WriteStartObject();
        json.WriteString("rule", reason.Rule);
        json.WriteString("category", reason.Category);
        json.WriteString("field", reason.Field);
        json.WriteNumber("start", reason.Start);
        json.WriteNumber("length", reason.Length);
        json.WriteNumber("weight", reason.Weight);
        json.WriteString("description", reason.Description);
        if (reason.Context is { } context)
        {
            json.WriteString("context", context);
        }

        if (reason.Similarity is { } similarity)
        {
            json.WriteNumber("similarity", similarity);
        }

        if (reason.Model is { } model)
        {
            json.WriteString("model", model);
        }

        if (reason.Probability is { } probability)
        {
            json.WriteNumber("probability", probability);
        }

        json.WriteEndObject();
    }

    private static string ActionName(VerdictAction action) => action switch
    {
        VerdictAction.Publish => "publish",
        VerdictAction.Hold => "hold",
        VerdictAction.Remove => "remove",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
