using System.Net.WebSockets;
using FakeRiver.Requests;

namespace FakeRiver.Phoenix;

/// <summary>
/// One joined topic on one socket: pumps the channel log subscription (replay, then live events) into the outbox
/// as pushes <c>[join_ref, null, topic, event, payload]</c>. After the final event it pushes <c>phx_close</c> and
/// closes the socket with 1000 (docs/ARCHITECTURE.md 3.4): a non-1000 close would make phoenix.js reconnect with a used token.
/// </summary>
internal sealed class PhoenixJoin(string topic, string? joinRef, ChannelSubscription subscription, PhoenixOutbox outbox)
{
    private readonly CancellationTokenSource _stop = new();
    private Task _pump = Task.CompletedTask;

    public string Topic { get; } = topic;

    public string? JoinRef { get; } = joinRef;

    /// <summary>
    /// Starts pumping. The replay starts synchronously, so it follows the join reply queued before; it waits for
    /// room in the send queue (a long replay is paced by the reader), live events do not (a peer that cannot keep up
    /// with the live stream is abandoned, and reconnects with <c>last_seq</c>).
    /// </summary>
    public void Start() => _pump = PumpAsync(_stop.Token);

    /// <summary>Stops pushing and drops the subscription; after this returns no push of this join is queued.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        // Completes the live reader, which wakes the pump's wait (it waits without a token: see PumpAsync).
        subscription.Dispose();
        await _pump;
        _stop.Dispose();
    }

    /// <summary>The frame Phoenix sends when a channel ends: both refs are the join ref.</summary>
    public PhoenixFrame CloseFrame() => new(JoinRef, JoinRef, Topic, PhoenixEvents.Close, PhoenixPayloads.Empty);

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var evt in subscription.Replay)
            {
                await outbox.EnqueueReplayAsync(Frame(evt), cancellationToken);
                if (Closes(evt)) return;
            }
            // No token on the wait: a cancellable wait allocates a read operation per token delivered, an
            // uncancellable one reuses the channel's own. StopAsync completes the reader instead, and nothing is
            // pushed once the stop is requested.
            while (await subscription.Live.WaitToReadAsync())
            {
                while (!cancellationToken.IsCancellationRequested && subscription.Live.TryRead(out var evt))
                {
                    if (Push(evt)) return;
                }
                if (cancellationToken.IsCancellationRequested) return;
            }
        }
        catch (OperationCanceledException)
        {
            // Leave, rejoin or disconnect: the join simply stops.
        }
    }

    /// <summary>Queues one event; returns true when it was the final one and the socket is now closing.</summary>
    private bool Push(ChannelEvent evt)
    {
        outbox.Enqueue(Frame(evt));
        return Closes(evt);
    }

    private PhoenixFrame Frame(ChannelEvent evt) => new(JoinRef, null, Topic, evt.Event, evt.PayloadUtf8);

    /// <summary>After the final event: <c>phx_close</c>, then the socket's close. Returns whether it was final.</summary>
    private bool Closes(ChannelEvent evt)
    {
        if (!evt.IsFinal) return false;
        outbox.Enqueue(CloseFrame());
        outbox.RequestClose(WebSocketCloseStatus.NormalClosure, "request complete");
        return true;
    }
}
