using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FakeRiver.Phoenix;

/// <summary>
/// Writes frames in either serializer version. The payload is spliced in raw (<see cref="Utf8JsonWriter.WriteRawValue(ReadOnlySpan{byte}, bool)"/>
/// without re-validation): it was serialized once by the channel log, or validated by <see cref="PhoenixDecoder"/>,
/// and fan-out to many sockets must not pay for it again. Callers on the hot path reuse one writer per socket.
/// </summary>
internal static class PhoenixEncoder
{
    /// <summary>Non-ASCII text stays readable, as Jason (Phoenix's JSON library) prints it.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Writes one frame to <paramref name="writer"/> and flushes it.</summary>
    public static void Write(Utf8JsonWriter writer, PhoenixFrame frame, PhoenixVersion version)
    {
        if (version == PhoenixVersion.V2)
        {
            writer.WriteStartArray();
            WriteNullable(writer, frame.JoinRef);
            WriteNullable(writer, frame.Ref);
            writer.WriteStringValue(frame.Topic);
            writer.WriteStringValue(frame.Event);
            writer.WriteRawValue(frame.Payload.Span, skipInputValidation: true);
            writer.WriteEndArray();
        }
        else
        {
            // Phoenix's V1 serializer sends topic, event, payload and ref only; join_ref is a V2 addition.
            writer.WriteStartObject();
            writer.WriteString("topic", frame.Topic);
            writer.WriteString("event", frame.Event);
            writer.WritePropertyName("payload");
            writer.WriteRawValue(frame.Payload.Span, skipInputValidation: true);
            writer.WritePropertyName("ref");
            WriteNullable(writer, frame.Ref);
            writer.WriteEndObject();
        }
        writer.Flush();
    }

    /// <summary>Writes one frame to <paramref name="output"/> (allocates a writer: for tests and cold paths).</summary>
    public static void Write(IBufferWriter<byte> output, PhoenixFrame frame, PhoenixVersion version)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        Write(writer, frame, version);
    }

    public static byte[] Encode(PhoenixFrame frame, PhoenixVersion version)
    {
        var output = new ArrayBufferWriter<byte>(64 + frame.Payload.Length);
        Write(output, frame, version);
        return output.WrittenSpan.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string? value)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value);
    }
}
