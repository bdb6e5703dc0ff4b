using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.Admin;
using FakeRiver.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// Cluster mode: fans the event feed out across nodes (docs/ARCHITECTURE.md 2.1). Each event this node publishes goes,
/// without waiting, to the pub/sub channel <c>fr:feed</c> as <c>{"n": node, "e": event}</c>; each event another node
/// published is adopted into this node's feed (<see cref="RiverEventFeed.Adopt"/>: its bounded retention and its
/// subscribers' bounded queues, under this node's next id), so <c>/__admin/events</c> and
/// <c>/__admin/timeline/{id}</c> on any node show every node's events from the time it subscribed. Pub/sub is
/// at-most-once; an event arriving twice or out of order from one node (its id not above the last one seen) is
/// dropped. Registered as a listener only in cluster mode (<see cref="ClusterSetup"/>).
/// </summary>
internal sealed class RedisEventRelay(IServiceProvider services, IOptions<FakeRiverOptions> options)
    : IRiverEventListener, IHostedService
{
    /// <summary>Nodes whose last event id is remembered; more (a cluster restarted many times) starts the map afresh.</summary>
    private const int MaxNodes = 1_024;

    private readonly Dictionary<string, long> _lastSeen = new(StringComparer.Ordinal);
    private readonly AdoptedChannels _adopted = new(RiverEventFeed.Capacity);
    // Set once subscribed; read by every publishing thread.
    private volatile RedisState? _redis;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Redis)) return;
        var redis = services.GetRequiredService<RedisState>();
        var feed = services.GetRequiredService<RiverEventFeed>();
        var queue = await redis.Subscriber.SubscribeAsync(RedisChannel.Literal(RedisKeys.Feed));
        // One handler at a time, in the order Redis sent them: the per-node check below needs no lock.
        queue.OnMessage(message => Receive(redis.NodeId, feed, message.Message));
        _redis = redis;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void OnEvent(RiverEvent evt)
    {
        if (_redis is not { } redis) return;
        try
        {
            redis.Subscriber.Publish(RedisChannel.Literal(RedisKeys.Feed), $$"""{"n":{{JsonSerializer.Serialize(redis.NodeId)}},"e":{{evt.Json}}}""",
                CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // Redis is away: the event stays on this node's feed; the feed never fails what it records.
        }
    }

    public void OnTokens(string channelId, int count)
    {
        // Token counts are telemetry, kept per node.
    }

    /// <summary>A reset of everything: the feed clears itself; the adopted channels are forgotten with it.</summary>
    public void Forget() => _adopted.Clear();

    /// <summary>A project's reset: the adopted events of its requests leave this node's feed too.</summary>
    public void Forget(ProjectReset reset) => services.GetRequiredService<RiverEventFeed>().RemoveChannels(_adopted.Take(reset.ProjectId));

    private void Receive(string self, RiverEventFeed feed, RedisValue text)
    {
        try
        {
            if (JsonNode.Parse(text.ToString()) is not JsonObject message
                || message["n"]?.GetValue<string>() is not { } node || node == self
                || message["e"] is not JsonObject data
                || data["id"]?.GetValue<long>() is not { } id
                || data["kind"]?.GetValue<string>() is not { } kind
                || data["channel_id"]?.GetValue<string>() is not { } channelId
                || !DateTimeOffset.TryParse(data["at"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)) return;
            if (_lastSeen.TryGetValue(node, out var last) && id <= last) return;
            if (_lastSeen.Count >= MaxNodes && !_lastSeen.ContainsKey(node)) _lastSeen.Clear();
            _lastSeen[node] = id;
            message.Remove("e");
            if (kind == RiverEventKinds.Accepted && data["project_id"]?.GetValue<string>() is { } project) _adopted.Remember(channelId, project);
            feed.Adopt(kind, channelId, at, data);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Not a feed message of this version: ignored.
        }
    }
}
