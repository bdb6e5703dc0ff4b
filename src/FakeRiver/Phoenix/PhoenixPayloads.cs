using System.Text.Json;

namespace FakeRiver.Phoenix;

/// <summary>The server's own payloads, built once where they never change.</summary>
internal static class PhoenixPayloads
{
    public static ReadOnlyMemory<byte> Empty { get; } = "{}"u8.ToArray();

    public static ReadOnlyMemory<byte> OkEmpty { get; } = """{"status":"ok","response":{}}"""u8.ToArray();

    /// <summary><c>{"status":"error","response":{"reason": reason}}</c>, as Phoenix answers a refused join.</summary>
    public static ReadOnlyMemory<byte> ErrorReason(string reason)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, PhoenixEncoder.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("status", "error");
            writer.WriteStartObject("response");
            writer.WriteString("reason", reason);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }
}
