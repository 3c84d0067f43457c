namespace Moderation.Integration.Tests.Support;

/// <summary>One exported span: ids in hex as <c>System.Diagnostics</c> writes them, kind as OTLP numbers it (2 server, 3 client, 4 producer, 5 consumer).</summary>
public sealed record OtlpSpan(string Service, string Source, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind)
{
    public const int Server = 2;
    public const int Producer = 4;
    public const int Consumer = 5;

    // Span: trace_id 1, span_id 2, parent_span_id 4, name 5, kind 6.
    internal static OtlpSpan Read(string service, string source, ReadOnlyMemory<byte> span)
    {
        var fields = Protobuf.Fields(span);
        string Hex(int number) => fields.FirstOrDefault(f => f.Number == number) is { } f ? Convert.ToHexStringLower(f.Bytes.Span) : "";
        return new OtlpSpan(service, source, Hex(1), Hex(2), Hex(4), fields.FirstOrDefault(f => f.Number == 5)?.Text ?? "",
            (int)(fields.FirstOrDefault(f => f.Number == 6)?.Varint ?? 0));
    }
}
