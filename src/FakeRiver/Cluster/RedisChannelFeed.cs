using System.Threading.Channels;
using FakeRiver.Requests;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// Joins on any node. A request that runs here is read from its own log; another node's request is read from Redis:
/// subscribe to its live channel first, then read the stream for the replay, and pass on only live events with a
/// stream id after the replay's last one — no gap and no duplicate between the two (docs/ARCHITECTURE.md 4).
/// </summary>
internal sealed class RedisChannelFeed(RedisState redis, RequestRegistry registry) : IChannelFeed
{
    public async ValueTask<ChannelSubscription?> SubscribeAsync(string channelId, long afterSeq, CancellationToken cancellationToken)
    {
        if (registry.TryGet(channelId, out var local)) return local.Log.Subscribe(afterSeq, readerRunsInline: true);

        var queue = await redis.Subscriber.SubscribeAsync(RedisChannel.Literal(RedisKeys.Events(channelId)));
        var entries = await redis.Db.StreamRangeAsync(RedisKeys.Stream(channelId));
        if (entries.Length == 0 && !await redis.Db.KeyExistsAsync(RedisKeys.Record(channelId)))
        {
            await queue.UnsubscribeAsync();
            return null;
        }

        var replay = Replay(entries, afterSeq, out var final);
        var live = Channel.CreateUnbounded<ChannelEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        if (final)
        {
            await queue.UnsubscribeAsync();
            live.Writer.TryComplete();
            return new ChannelSubscription(replay, live.Reader, static () => { });
        }

        var last = entries.Length > 0 && StreamId.TryParse(entries[^1].Id.ToString(), out var id) ? id : default;
        var stop = new CancellationTokenSource();
        _ = PumpAsync(queue, last, live.Writer, stop.Token);
        return new ChannelSubscription(replay, live.Reader, () =>
        {
            stop.Cancel();
            live.Writer.TryComplete();
        });
    }

    /// <summary>As the in-memory log replays: the latest status (until final), the tokens after afterSeq, the latest response.</summary>
    private static List<ChannelEvent> Replay(StreamEntry[] entries, long afterSeq, out bool final)
    {
        ChannelEvent? status = null;
        ChannelEvent? response = null;
        var tokens = new List<ChannelEvent>();
        foreach (var entry in entries)
        {
            var evt = StreamEvents.FromEntry(entry);
            switch (evt.Event)
            {
                case ChannelEvent.Tokens when evt.Seq > afterSeq:
                    tokens.Add(evt);
                    break;
                case ChannelEvent.Status:
                    status = evt;
                    break;
                case ChannelEvent.Response:
                    response = evt;
                    break;
            }
        }
        final = response?.IsFinal == true;
        var replay = new List<ChannelEvent>();
        if (!final && status is not null) replay.Add(status);
        replay.AddRange(tokens);
        if (response is not null) replay.Add(response);
        return replay;
    }

    private static async Task PumpAsync(ChannelMessageQueue queue, StreamId after, ChannelWriter<ChannelEvent> writer, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var message = await queue.ReadAsync(stop);
                if (!StreamEvents.TryParseMessage(message.Message, out var id, out var evt) || id.CompareTo(after) <= 0) continue;
                if (!writer.TryWrite(evt)) break;
                if (!evt.IsFinal) continue;
                writer.TryComplete();
                break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            // The socket left, or the connection to Redis was disposed with the node.
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }
}
