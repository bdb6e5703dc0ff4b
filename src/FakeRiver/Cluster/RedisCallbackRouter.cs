using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FakeRiver.Api;
using FakeRiver.Requests;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// Sends a callback to the node that owns its request, over that node's Redis inbox, and waits for its answer
/// (<see cref="ClusterNode"/> answers on the other side). A request already ended, or whose node is gone, is
/// answered here without a round trip.
/// </summary>
internal sealed class RedisCallbackRouter(RedisState redis, TimeProvider time) : ICallbackRouter
{
    /// <summary>How long the owner has to answer; a live node answers in milliseconds.</summary>
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, TaskCompletionSource<RoutedAnswer>> _pending = new(StringComparer.Ordinal);

    public async Task<RoutedAnswer?> ForwardAsync(string channelId, string projectId, JsonObject body, CancellationToken cancellationToken)
    {
        var record = await redis.Db.HashGetAsync(RedisKeys.Record(channelId), [RequestRecord.Owner, RequestRecord.Project, RequestRecord.Final]);
        if (record[0].IsNull || record[1] != projectId) return null;
        if (record[2] == "1") return Conflict();
        var owner = record[0].ToString();
        if (owner == redis.NodeId) return null;
        if (!await redis.Db.KeyExistsAsync(RedisKeys.Node(owner)))
            return new RoutedAnswer(503, ApiErrors.Envelope("api_error", "node_unavailable",
                "The node running this request stopped; another node is ending it. Try again shortly."));

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var answer = new TaskCompletionSource<RoutedAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            var message = new JsonObject
            {
                ["id"] = id,
                ["reply_to"] = redis.NodeId,
                ["channel_id"] = channelId,
                ["project_id"] = projectId,
                ["body"] = body.DeepClone(),
            };
            await redis.Subscriber.PublishAsync(RedisChannel.Literal(RedisKeys.Inbox(owner)), message.ToJsonString());
            return await answer.Task.WaitAsync(AnswerTimeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return new RoutedAnswer(503, ApiErrors.Envelope("api_error", "node_unavailable",
                $"The node running this request did not answer within {AnswerTimeout.TotalSeconds:0} s. Try again shortly."));
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>The owner's answer arrived on this node's reply channel.</summary>
    internal void Complete(JsonObject reply)
    {
        if (reply["id"]?.GetValue<string>() is not { } id || !_pending.TryGetValue(id, out var answer)) return;
        var status = reply["status"]?.GetValue<int>() ?? 500;
        answer.TrySetResult(new RoutedAnswer(status, reply["body"]?.DeepClone() as JsonObject ?? []));
    }

    private static RoutedAnswer Conflict() => new(409,
        ApiErrors.Envelope("invalid_request_error", "request_already_final", "This request is already completed or timed out"));
}
