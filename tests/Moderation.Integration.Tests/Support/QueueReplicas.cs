using System.Text.Json;

namespace Moderation.Integration.Tests.Support;

/// <summary>A queue's type and where it lives, as the management API reports it; node names sorted.</summary>
public sealed record QueueReplicas(string Type, string? Leader, IReadOnlyList<string> Members, IReadOnlyList<string> Online)
{
    /// <summary>
    /// Read with <see cref="JsonDocument"/>, which takes the first of repeated properties: RabbitMQ 3.10
    /// reports a quorum queue's <c>online</c> twice (the replicas, then a flag), which JsonNode refuses.
    /// </summary>
    public static QueueReplicas Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new QueueReplicas(
            root.TryGetProperty("type", out var type) ? type.GetString() ?? "" : "",
            root.TryGetProperty("leader", out var leader) && leader.ValueKind == JsonValueKind.String ? leader.GetString() : null,
            Names(root, "members"),
            Names(root, "online"));
    }

    private static List<string> Names(JsonElement queue, string property) =>
        queue.EnumerateObject()
            .Where(p => p.Name == property && p.Value.ValueKind == JsonValueKind.Array)
            .Select(p => p.Value.EnumerateArray().Select(n => n.GetString()!).Order(StringComparer.Ordinal).ToList())
            .FirstOrDefault() ?? [];
}
