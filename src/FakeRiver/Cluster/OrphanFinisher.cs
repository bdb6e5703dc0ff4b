using System.Text.Json.Nodes;
using FakeRiver.Pipeline;
using FakeRiver.Requests;
using FakeRiver.Workflows;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// Takes over a request whose node stopped (docs/ARCHITECTURE.md 2.1), rebuilt from its Redis record and stream.
/// While it was still streaming and its workflow has a provider after the one that was running, the next provider
/// continues the committed text on this node, as a mid-stream failover does; otherwise it gets one error
/// <c>response</c> (after the tokens already committed) and its webhook, sent from this node. Runs only for the node
/// that won the request's claim, so no request is taken over twice.
/// </summary>
internal sealed class OrphanFinisher(RedisState redis, RequestFinisher finisher, LiveWorkflows workflows,
    RequestRegistry registry, PipelineRunner pipeline, IOptions<FakeRiverOptions> options)
{
    public const string Message = "The FakeRiver node running this request stopped before it finished";

    /// <summary>The reason <c>meta.attempts</c> and the <c>failover</c> status give for the attempt the stopped node was making.</summary>
    public const string NodeStopped = "node_stopped";

    public async Task FinishAsync(string channelId)
    {
        var db = redis.Db;
        var record = (await db.HashGetAllAsync(RedisKeys.Record(channelId))).ToDictionary(e => e.Name.ToString(), e => e.Value);
        var entries = await db.StreamRangeAsync(RedisKeys.Stream(channelId));
        var events = entries.Select(StreamEvents.FromEntry).ToList();
        if (record.Count == 0 || events.Any(e => e.IsFinal))
        {
            await db.HashDeleteAsync(RedisKeys.Live, channelId);
            return;
        }

        var request = Rebuild(channelId, record, out var known);
        await db.HashSetAsync(RedisKeys.Record(channelId), RequestRecord.Owner, redis.NodeId);
        if (known && EarlierAttempts(request, events) is { } earlier)
        {
            // Continued here: this node owns it now (so if it stops too, another node takes it over in turn).
            request.Log.Restore(events);
            request.Log.Mirror = new RedisChannelMirror(redis, channelId, options.Value.ClusterRetention);
            await db.HashSetAsync(RedisKeys.Live, channelId, redis.NodeId);
            registry.Add(request);
            pipeline.Continue(request, earlier);
            return;
        }
        request.Log.Mirror = new RedisChannelMirror(redis, channelId, options.Value.ClusterRetention);
        // An event-driven request whose output was already out waits for a callback: end that wait instead.
        var from = events.Any(e => e.Event == ChannelEvent.Response) ? RequestState.AwaitingCallback : RequestState.Processing;
        if (from == RequestState.AwaitingCallback) request.TryTransition(RequestState.Processing, RequestState.AwaitingCallback);
        finisher.Abandon(request, from, Message);
    }

    /// <summary>
    /// The attempts the stopped node made, when a next provider can continue: the request was still streaming (no
    /// <c>response</c> out yet) and its workflow has a provider after the last attempt. Null otherwise.
    /// </summary>
    private static List<AttemptRecord>? EarlierAttempts(RiverRequest request, List<ChannelEvent> events)
    {
        if (events.Any(e => e.Event == ChannelEvent.Response)) return null;
        // Each attempt announces itself with a status (processing, then failover naming the previous one's reason).
        var statuses = events.Where(e => e.Event == ChannelEvent.Status).Select(e => JsonNode.Parse(e.PayloadUtf8.Span)!).ToList();
        var last = statuses.Select(s => s["attempt"]?.GetValue<int>() ?? 0).DefaultIfEmpty(0).Max();
        var providers = request.Workflow.Providers;
        if (last >= providers.Count) return null;
        var earlier = new List<AttemptRecord>();
        for (var attempt = 1; attempt <= last; attempt++)
        {
            var reason = attempt == last
                ? NodeStopped
                : statuses.LastOrDefault(s => s["attempt"]?.GetValue<int>() == attempt + 1)?["reason"]?.GetValue<string>();
            earlier.Add(new AttemptRecord(providers[attempt - 1].Provider, providers[attempt - 1].Model, false, 0, reason));
        }
        return earlier;
    }

    private RiverRequest Rebuild(string channelId, Dictionary<string, RedisValue> record, out bool known)
    {
        var project = record[RequestRecord.Project].ToString();
        var name = record[RequestRecord.Workflow].ToString();
        // A workflow defined at run time on the dead node only: enough of it to name it in the error's meta.
        known = workflows.TryGet(project, name, out var found);
        var workflow = known ? found : new WorkflowDefinition { Name = name, Providers = [] };
        return new RiverRequest(channelId, project, workflow,
            DateTimeOffset.FromUnixTimeMilliseconds((long)record[RequestRecord.Created]))
        {
            Body = RequestRecord.ParseObject(record[RequestRecord.Body]),
            CustomerData = RequestRecord.ParseObject(record[RequestRecord.CustomerData]),
            WebhookUrl = record.TryGetValue(RequestRecord.WebhookUrl, out var url) ? url.ToString() : null,
            EventName = record.TryGetValue(RequestRecord.EventName, out var evt) ? evt.ToString() : null,
            PublicBaseUri = new Uri(record[RequestRecord.Base].ToString()),
        };
    }
}
