using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace FakeRiver.Testing;

/// <summary>
/// A joined Phoenix channel of one request, as the browser holds it: the join reply, then every frame read so far.
/// Built by <see cref="FakeRiverServer.JoinStreamAsync(string, string, string, TimeSpan?, CancellationToken)"/>.
/// </summary>
public sealed class RiverStream : IAsyncDisposable
{
    private readonly List<PhoenixMessage> _messages = [];
    private readonly TimeSpan _patience;

    internal RiverStream(PhoenixStreamClient client, string topic, JsonObject joinReply, TimeSpan patience)
    {
        Client = client;
        Topic = topic;
        JoinReply = joinReply;
        _patience = patience;
    }

    /// <summary>The client underneath, to send heartbeats, leave, or read frame by frame.</summary>
    public PhoenixStreamClient Client { get; }

    /// <summary>The joined topic.</summary>
    public string Topic { get; }

    /// <summary>The <c>phx_reply</c> payload of the join: <c>{"status": "ok", "response": {...}}</c> or an error.</summary>
    public JsonObject JoinReply { get; }

    /// <summary>True when the join was accepted.</summary>
    public bool Joined => JoinReply["status"]?.GetValue<string>() == "ok";

    /// <summary>Every frame read so far after the join reply, in order.</summary>
    public IReadOnlyList<PhoenixMessage> Messages => _messages;

    /// <summary>The <c>tokens</c> deltas read so far in <c>seq</c> order, concatenated: the streamed text.</summary>
    public string Text => string.Concat(Payloads("tokens")
        .OrderBy(p => p["seq"]?.GetValue<long>() ?? 0)
        .Select(p => p["delta"]?.GetValue<string>()));

    /// <summary>How the server closed the socket; null while it is open.</summary>
    public WebSocketCloseStatus? CloseStatus => Client.CloseStatus;

    /// <summary>The payloads of every frame of <paramref name="event"/> read so far (<c>tokens</c>, <c>status</c>, <c>response</c>).</summary>
    /// <param name="event">The event name.</param>
    public IEnumerable<JsonObject> Payloads(string @event) =>
        _messages.Where(m => m.Event == @event).Select(m => m.PayloadObject);

    /// <summary>
    /// Reads frames until the final <c>response</c> (status <c>success</c>, <c>completed</c> or <c>error</c>; an
    /// event-driven request's <c>ai_generated</c> is not final) and returns its payload.
    /// </summary>
    /// <param name="timeout">Real-time patience; null uses the patience given at join. Advance a virtual clock meanwhile.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="TimeoutException">No final response in time.</exception>
    /// <exception cref="WebSocketException">The server closed the socket first.</exception>
    public async Task<JsonObject> ReadFinalResponseAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(timeout ?? _patience);
        try
        {
            while (await Client.ReceiveAsync(patience.Token) is { } message)
            {
                _messages.Add(message);
                if (message.Event == "response" && message.PayloadObject["status"]?.GetValue<string>() != "ai_generated")
                    return message.PayloadObject;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No final response on {Topic} after {timeout ?? _patience}; read {_messages.Count} frames.");
        }
        throw new WebSocketException($"The server closed {Topic} ({CloseStatus}) before a final response.");
    }

    /// <summary>Reads every remaining frame until the server closes the socket; returns all frames read.</summary>
    /// <param name="timeout">Real-time patience; null uses the patience given at join.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<PhoenixMessage>> ReadToEndAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(timeout ?? _patience);
        try
        {
            while (await Client.ReceiveAsync(patience.Token) is { } message) _messages.Add(message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Topic} still open after {timeout ?? _patience}; read {_messages.Count} frames.");
        }
        return _messages;
    }

    /// <summary>Closes the socket.</summary>
    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
