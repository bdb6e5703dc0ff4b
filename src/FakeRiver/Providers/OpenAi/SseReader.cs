namespace FakeRiver.Providers.OpenAi;

/// <summary>
/// Reads server-sent events from a stream, as the WHATWG event-stream rules say: lines end in CRLF, LF or CR;
/// <c>data:</c> lines of one event are joined with LF; lines starting with <c>:</c> are comments; a blank line ends an
/// event; an event without data is not dispatched, and an unterminated event at end of stream is dropped.
/// Only the data matters to chat/completions, so <c>event</c>, <c>id</c> and <c>retry</c> are read and ignored.
/// </summary>
internal sealed class SseReader(Stream stream)
{
    // detectEncodingFromByteOrderMarks: the spec allows one leading UTF-8 BOM.
    private readonly StreamReader _reader = new(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

    /// <summary>The data of the next event, or null at end of stream.</summary>
    public async Task<string?> ReadEventAsync(CancellationToken ct)
    {
        var data = new System.Text.StringBuilder();
        var hasData = false;
        while (await _reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData) return data.ToString();
                continue;
            }
            if (line[0] == ':') continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            if (field != "data") continue;
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            if (hasData) data.Append('\n');
            data.Append(value);
            hasData = true;
        }
        return null;
    }
}
