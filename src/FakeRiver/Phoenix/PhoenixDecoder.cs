using System.Text;
using System.Text.Json;

namespace FakeRiver.Phoenix;

/// <summary>
/// Decodes an inbound text message into a <see cref="PhoenixFrame"/>. Clients are untrusted, so every way a message
/// can be wrong (size, syntax, shape, types) becomes a <see cref="PhoenixDecodeResult"/> error, never an exception.
/// Written on <see cref="Utf8JsonReader"/>: no DOM is built and the payload bytes are sliced, not re-serialized.
/// </summary>
internal static class PhoenixDecoder
{
    /// <summary>Phoenix's own default for <c>max_frame_size</c> is unlimited; 1 MiB keeps a hostile client cheap.</summary>
    public const int DefaultMaxBytes = 1024 * 1024;

    public static PhoenixDecodeResult Decode(ReadOnlySpan<byte> utf8, PhoenixVersion version, int maxBytes = DefaultMaxBytes)
    {
        if (utf8.Length > maxBytes) return PhoenixDecodeResult.Fail(PhoenixDecodeError.TooLarge);
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
            var result = version == PhoenixVersion.V2 ? DecodeArray(ref reader, utf8) : DecodeObject(ref reader, utf8);
            // Anything after the one frame value (other than whitespace) makes the reader throw here.
            if (result.IsSuccess && reader.Read()) return PhoenixDecodeResult.Fail(PhoenixDecodeError.MalformedJson);
            return result;
        }
        catch (JsonException)
        {
            return PhoenixDecodeResult.Fail(PhoenixDecodeError.MalformedJson);
        }
        catch (InvalidOperationException)
        {
            // GetString on a string that is not valid UTF-8.
            return PhoenixDecodeResult.Fail(PhoenixDecodeError.MalformedJson);
        }
    }

    private static PhoenixDecodeResult DecodeArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return Shape();
        if (!reader.Read() || !TryReadRef(ref reader, allowNumber: false, out var joinRef)) return Shape();
        if (!reader.Read() || !TryReadRef(ref reader, allowNumber: false, out var msgRef)) return Shape();
        if (!reader.Read() || reader.TokenType != JsonTokenType.String) return Shape();
        var topic = reader.GetString()!;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String) return Shape();
        var evt = reader.GetString()!;
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray) return Shape();
        if (reader.TokenType != JsonTokenType.StartObject) return PhoenixDecodeResult.Fail(PhoenixDecodeError.PayloadNotObject);
        var payload = SliceObject(ref reader, utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray) return Shape();
        return PhoenixDecodeResult.Ok(new PhoenixFrame(joinRef, msgRef, topic, evt, payload));
    }

    private static PhoenixDecodeResult DecodeObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Shape();
        string? joinRef = null, msgRef = null, topic = null, evt = null;
        byte[]? payload = null;
        var payloadNotObject = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "topic" when reader.TokenType == JsonTokenType.String: topic = reader.GetString(); break;
                case "event" when reader.TokenType == JsonTokenType.String: evt = reader.GetString(); break;
                case "topic" or "event": return Shape();
                case "ref": if (!TryReadRef(ref reader, allowNumber: true, out msgRef)) return Shape(); break;
                case "join_ref": if (!TryReadRef(ref reader, allowNumber: true, out joinRef)) return Shape(); break;
                case "payload" when reader.TokenType == JsonTokenType.StartObject: payload = SliceObject(ref reader, utf8); break;
                case "payload": payloadNotObject = true; reader.Skip(); break;
                default: reader.Skip(); break; // unknown members are ignored, as Phoenix does
            }
        }
        if (payloadNotObject && payload is null) return PhoenixDecodeResult.Fail(PhoenixDecodeError.PayloadNotObject);
        if (topic is null || evt is null || payload is null) return Shape();
        return PhoenixDecodeResult.Ok(new PhoenixFrame(joinRef, msgRef, topic, evt, payload));
    }

    /// <summary>
    /// Refs are strings or null. V1 clients written by hand (the first public demo) may send numbers; their digits
    /// are kept as text, so a reply echoes them as a string.
    /// </summary>
    private static bool TryReadRef(ref Utf8JsonReader reader, bool allowNumber, out string? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return true;
            case JsonTokenType.String: value = reader.GetString(); return true;
            case JsonTokenType.Number when allowNumber: value = Encoding.UTF8.GetString(reader.ValueSpan); return true;
            default: return false;
        }
    }

    /// <summary>Copies the raw bytes of the object starting at the reader (the input buffer is reused per socket).</summary>
    private static byte[] SliceObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return utf8[start..(int)reader.BytesConsumed].ToArray();
    }

    private static PhoenixDecodeResult Shape() => PhoenixDecodeResult.Fail(PhoenixDecodeError.WrongShape);
}
