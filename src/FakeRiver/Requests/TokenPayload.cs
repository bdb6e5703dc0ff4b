using System.Buffers;
using System.Text.Json;

namespace FakeRiver.Requests;

/// <summary>
/// A <c>tokens</c> payload written straight to UTF-8 with a reused per-thread <see cref="Utf8JsonWriter"/>: the same
/// bytes <c>JsonSerializer</c> prints for the equivalent JsonObject under <see cref="WireJson.Options"/> (same
/// property order, same encoder), without building the object. It is the hottest allocation per token
/// (tests/Perf/results/profile-token.md); the only allocation left is the payload array the log keeps for replays.
/// </summary>
public static class TokenPayload
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = WireJson.Options.Encoder, Indented = false };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The payload's compact UTF-8 JSON: channel_id, seq, delta, attempt, provider, model, in that order.</summary>
    public static byte[] Serialize(string channelId, long seq, string delta, int attempt, string provider, string model)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString("channel_id", channelId);
        writer.WriteNumber("seq", seq);
        writer.WriteString("delta", delta);
        writer.WriteNumber("attempt", attempt);
        writer.WriteString("provider", provider);
        writer.WriteString("model", model);
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
