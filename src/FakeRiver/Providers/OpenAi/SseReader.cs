using System.Net.ServerSentEvents;

namespace FakeRiver.Providers.OpenAi;

/// <summary>
/// Reads server-sent events with the runtime's parser (System.Net.ServerSentEvents, which follows the WHATWG
/// event-stream rules: CRLF/LF/CR line ends, multi-line data joined with LF, comments skipped, a leading BOM
/// allowed, an unterminated event at end of stream dropped). Only the data matters to chat/completions, so the
/// event type, id and retry are ignored.
/// </summary>
internal sealed class SseReader(Stream stream)
{
    private IAsyncEnumerator<SseItem<string>>? _events;

    /// <summary>The data of the next event, or null at end of stream.</summary>
    public async Task<string?> ReadEventAsync(CancellationToken ct)
    {
        _events ??= SseParser.Create(stream).EnumerateAsync(ct).GetAsyncEnumerator(ct);
        return await _events.MoveNextAsync() ? _events.Current.Data : null;
    }
}
