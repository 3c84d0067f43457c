using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Moderation.Detection;
using Moderation.Detection.Classification;

namespace Moderation.Cli.Scan;

/// <summary>Writes one verdict as one line of JSON.</summary>
internal static class VerdictJson
{
    // The output is data for other tools, never HTML, so CJK text stays readable instead of \u-escaped.
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <returns>UTF-8 JSON followed by a newline.</returns>
    public static byte[] Serialize(string id, ScanResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, s_options))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("action", Action(result.Decision));
            json.WriteNumber("score", Math.Round(result.Score, 4));
            json.WriteStartArray("reasons");
            foreach (Finding finding in result.Findings)
            {
                json.WriteStartObject();
                json.WriteString("rule", finding.RuleId);
                json.WriteString("category", finding.Category);
                json.WriteString("field", finding.Field == TextField.Title ? "title" : "body");
                json.WriteNumber("start", finding.Start);
                json.WriteNumber("length", finding.Length);
                json.WriteNumber("weight", finding.Weight);
                json.WriteString("description", finding.Description);
                if (finding.Context is not null)
                {
                    json.WriteString("context", finding.Context);
                }

                if (finding.Similarity is { } similarity)
                {
                    json.WriteNumber("similarity", Math.Round(similarity, 4));
                }

                json.WriteEndObject();
            }

            if (result.Model is { } model)
            {
                StartPostReason(json, ModelScore.ReasonRule, model.Evidence, model.Description);
                json.WriteString("model", model.Version);
                json.WriteNumber("probability", Math.Round(model.Probability, 4));
                json.WriteEndObject();
            }

            if (result.Basis is { } basis)
            {
                StartPostReason(json, ScanResult.BasisRule, result.Score, basis);
                json.WriteEndObject();
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

    /// <summary>Opens a reason about the whole post (the model, the decision): no span, so start and length 0.</summary>
    private static void StartPostReason(Utf8JsonWriter json, string rule, double weight, string description)
    {
        json.WriteStartObject();
        json.WriteString("rule", rule);
        json.WriteString("category", rule);
        json.WriteString("field", ModelScore.ReasonField);
        json.WriteNumber("start", 0);
        json.WriteNumber("length", 0);
        json.WriteNumber("weight", Math.Round(weight, 4));
        json.WriteString("description", description);
    }

    private static string Action(Decision decision) => decision switch
    {
        Decision.Publish => "publish",
        Decision.Hold => "hold",
        Decision.Remove => "remove",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };
}
