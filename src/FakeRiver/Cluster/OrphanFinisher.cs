using FakeRiver.Pipeline;
using FakeRiver.Requests;
using FakeRiver.Workflows;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// Ends a request whose node stopped (docs/ARCHITECTURE.md 2.1): rebuilt from its Redis record, it gets one error
/// <c>response</c> on its stream (after the tokens already committed) and its webhook, sent from this node.
/// Runs only for the node that won the request's claim, so no request is ended twice.
/// </summary>
internal sealed class OrphanFinisher(RedisState redis, RequestFinisher finisher, LiveWorkflows workflows,
    IOptions<FakeRiverOptions> options)
{
    public const string Message = "The FakeRiver node running this request stopped before it finished";

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

        var request = Rebuild(channelId, record);
        await db.HashSetAsync(RedisKeys.Record(channelId), RequestRecord.Owner, redis.NodeId);
        request.Log.Mirror = new RedisChannelMirror(redis, channelId, options.Value.ClusterRetention);
        // An event-driven request whose output was already out waits for a callback: end that wait instead.
        var from = events.Any(e => e.Event == ChannelEvent.Response) ? RequestState.AwaitingCallback : RequestState.Processing;
        if (from == RequestState.AwaitingCallback) request.TryTransition(RequestState.Processing, RequestState.AwaitingCallback);
        finisher.Abandon(request, from, Message);
    }

    private RiverRequest Rebuild(string channelId, Dictionary<string, RedisValue> record)
    {
        var project = record[RequestRecord.Project].ToString();
        var name = record[RequestRecord.Workflow].ToString();
        // A workflow defined at run time on the dead node only: enough of it to name it in the error's meta.
        var workflow = workflows.TryGet(project, name, out var known) ? known : new WorkflowDefinition { Name = name, Providers = [] };
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
