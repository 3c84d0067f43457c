namespace Moderation.Integration.Tests.Support;

/// <summary>Just enough of the protobuf wire format to walk OTLP messages: varints and length-delimited fields.</summary>
internal static class Protobuf
{
    public sealed record Field(int Number, ulong Varint, ReadOnlyMemory<byte> Bytes)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Bytes.Span);
    }

    public static List<Field> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<Field>();
        var span = message.Span;
        var at = 0;
        while (at < span.Length)
        {
            var key = ReadVarint(span, ref at);
            var number = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0:
                    fields.Add(new Field(number, ReadVarint(span, ref at), default));
                    break;
                case 1:
                    fields.Add(new Field(number, 0, message.Slice(at, 8)));
                    at += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(span, ref at);
                    fields.Add(new Field(number, 0, message.Slice(at, length)));
                    at += length;
                    break;
                case 5:
                    fields.Add(new Field(number, 0, message.Slice(at, 4)));
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"Wire type {key & 7} is not used by OTLP.");
            }
        }

        return fields;
    }

    /// <summary>KeyValue (key 1, value 2) whose AnyValue holds a string (1).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Attributes(ReadOnlyMemory<byte> owner) =>
        Fields(owner).Where(f => f.Number == 1).Select(kv =>
        {
            var fields = Fields(kv.Bytes);
            var value = fields.FirstOrDefault(f => f.Number == 2) is { } v ? Fields(v.Bytes).FirstOrDefault(f => f.Number == 1)?.Text : null;
            return new KeyValuePair<string, string?>(fields.FirstOrDefault(f => f.Number == 1)?.Text ?? "", value);
        });

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = span[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
