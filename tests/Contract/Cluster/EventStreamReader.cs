using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using FakeRiver.Testing;

namespace Contract.Cluster;

/// <summary>An open <c>/__admin/events</c> stream of one node, read event by event (the <c>ready</c> marker consumed).</summary>
public sealed class EventStreamReader : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _items;
    private readonly CancellationTokenSource _timeout;

    private EventStreamReader(HttpClient http, HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> items, CancellationTokenSource timeout)
    {
        _http = http;
        _response = response;
        _items = items;
        _timeout = timeout;
    }

    /// <summary>Every event read so far, replay included.</summary>
    public List<SseItem<string>> Seen { get; } = [];

    /// <summary>Opens the stream and reads its replay up to the <c>ready</c> marker.</summary>
    public static async Task<EventStreamReader> OpenAsync(FakeRiverServer node, string? project = null, string? lastEventId = null)
    {
        var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var http = node.CreateClient(authorized: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/__admin/events");
        if (project is not null) request.Headers.Add("X-FakeRiver-Project", project);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var reader = new EventStreamReader(http, response, SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token), timeout);
        while (await reader._items.MoveNextAsync())
        {
            if (reader._items.Current.EventType == "ready") return reader;
            reader.Seen.Add(reader._items.Current);
        }
        throw new InvalidOperationException("the stream ended before its ready marker");
    }

    /// <summary>Reads until an event matches (and returns it); fails when the stream's time is up.</summary>
    public async Task<SseItem<string>> ReadUntilAsync(Func<SseItem<string>, JsonObject, bool> match)
    {
        foreach (var seen in Seen)
        {
            if (match(seen, Data(seen))) return seen;
        }
        while (await _items.MoveNextAsync())
        {
            var item = _items.Current;
            Seen.Add(item);
            if (match(item, Data(item))) return item;
        }
        throw new InvalidOperationException("the stream ended before the event");
    }

    public static JsonObject Data(SseItem<string> item) => (JsonObject)JsonNode.Parse(item.Data)!;

    public static string Channel(SseItem<string> item) => Data(item)["channel_id"]!.GetValue<string>();

    public static long Id(SseItem<string> item) => long.Parse(item.EventId!, CultureInfo.InvariantCulture);

    /// <summary>Whether the item is its channel's final <c>response</c>.</summary>
    public static bool IsFinal(SseItem<string> item, string channelId) =>
        item.EventType == "response" && Channel(item) == channelId && Data(item)["final"]!.GetValue<bool>();

    public async ValueTask DisposeAsync()
    {
        await _timeout.CancelAsync();
        try
        {
            await _items.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // The stream was cut by the cancellation above.
        }
        _response.Dispose();
        _http.Dispose();
        _timeout.Dispose();
    }
}
