using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeRiver;

/// <summary>
/// Writes a wire payload straight to UTF-8 with a reused per-thread <see cref="Utf8JsonWriter"/> under
/// <see cref="WireJson.Options"/>' encoder: the bytes <c>JsonSerializer</c> prints for the equivalent JsonObject
/// (same property order, same escaping), without building the object or deep-cloning the nodes it holds. The
/// accept answer and the <c>response</c>/<c>status</c> payloads are written here (tests/Perf/results/profile-accept.md).
/// </summary>
internal static class WireJsonWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = WireJson.Options.Encoder, Indented = false };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    [ThreadStatic]
    private static bool t_busy;

    /// <summary>The compact UTF-8 JSON that <paramref name="write"/> writes for <paramref name="state"/>.</summary>
    public static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        // A nested call on the same thread (never on the current paths) gets a writer of its own.
        if (t_busy) return WriteFresh(state, write);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        t_busy = true;
        try
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            write(writer, state);
            writer.Flush();
            var bytes = buffer.WrittenSpan.ToArray();
            // A one-off large payload must not pin a large buffer to the thread for ever.
            if (buffer.Capacity > 64 * 1024) (t_buffer, t_writer) = (null, null);
            return bytes;
        }
        finally
        {
            t_busy = false;
        }
    }

    /// <summary>Writes a property whose value is a node as it stands (null prints <c>null</c>), without cloning it.</summary>
    public static void WriteNode(this Utf8JsonWriter writer, string name, JsonNode? node)
    {
        writer.WritePropertyName(name);
        if (node is null) writer.WriteNullValue();
        else node.WriteTo(writer, WireJson.Options);
    }

    /// <summary>A string property, or <c>null</c> (as a JsonObject holding a null string prints it).</summary>
    public static void WriteStringOrNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, value);
    }

    private static byte[] WriteFresh<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        write(writer, state);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
