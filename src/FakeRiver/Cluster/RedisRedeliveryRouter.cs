using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.Admin;
using FakeRiver.Api;
using FakeRiver.Requests;
using FakeRiver.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// Cluster mode: <c>POST /__admin/webhooks/{id}/redeliver</c> on a node that does not hold the delivery
/// (docs/ARCHITECTURE.md 2.1). The ask goes to every node on <c>fr:redeliver</c> (which node sent a finished delivery
/// is in no shared record); each answers on the asker's reply channel — the holder with what the redelivery answered
/// (its own dispatcher re-sends its recorded delivery, re-signed with its own secret), every other node "absent".
/// Two nodes can hold one delivery after a handover: the first to set <c>fr:redeliver:{ask}</c> sends it, the other
/// answers absent, so the receiver gets it once. When every node answered absent, a delivery still listed in the
/// shared journal belongs to a node that is gone (409 <c>delivery_owner_gone</c>); otherwise it is unknown (404).
/// </summary>
internal sealed class RedisRedeliveryRouter(IServiceProvider services, IOptions<FakeRiverOptions> options, TimeProvider time)
    : IRedeliveryRouter, IHostedService
{
    private readonly ConcurrentDictionary<string, PendingAsk> _pending = new(StringComparer.Ordinal);

    /// <summary>The holder sends one attempt before it answers; this is that attempt's timeout and some.</summary>
    private TimeSpan AnswerTimeout => options.Value.WebhookAttemptTimeout + TimeSpan.FromSeconds(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Redis)) return;
        var redis = services.GetRequiredService<RedisState>();
        var asks = await redis.Subscriber.SubscribeAsync(RedisChannel.Literal(RedisKeys.Redeliveries));
        // Not awaited: a holder's redelivery waits for the receiver, and must not hold up the node's other answers.
        asks.OnMessage(message => { _ = AnswerAsync(redis, message.Message); });
        var replies = await redis.Subscriber.SubscribeAsync(RedisChannel.Literal(Replies(redis.NodeId)));
        replies.OnMessage(message => Complete(message.Message));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<RoutedAnswer?> ForwardAsync(string id, string? projectId, CancellationToken cancellationToken)
    {
        var redis = services.GetRequiredService<RedisState>();
        var ask = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var pending = new PendingAsk();
        _pending[ask] = pending;
        try
        {
            var message = new JsonObject { ["ask"] = ask, ["reply_to"] = redis.NodeId, ["id"] = id, ["project_id"] = projectId };
            var receivers = await redis.Subscriber.PublishAsync(RedisChannel.Literal(RedisKeys.Redeliveries), message.ToJsonString());
            pending.Expect(receivers);
            if (await pending.Answer.Task.WaitAsync(AnswerTimeout, time, cancellationToken) is { } answer) return answer;
            return await ListedAsync(id, projectId)
                ? new RoutedAnswer(StatusCodes.Status409Conflict, ApiErrors.Envelope("invalid_request_error", "delivery_owner_gone",
                    $"The node that sent webhook delivery '{id}' stopped; its deliveries cannot be sent again"))
                : null;
        }
        catch (TimeoutException)
        {
            return new RoutedAnswer(StatusCodes.Status503ServiceUnavailable, ApiErrors.Envelope("api_error", "node_unavailable",
                $"The node holding webhook delivery '{id}' did not answer within {AnswerTimeout.TotalSeconds:0} s. Try again shortly."));
        }
        finally
        {
            _pending.TryRemove(ask, out _);
        }
    }

    private async Task<bool> ListedAsync(string id, string? projectId) =>
        (await services.GetRequiredService<ISharedJournals>().ReadAsync(JournalKind.Webhooks, projectId))
            .Any(entry => JournalSnapshots.Text(entry as JsonObject ?? [], "id") == id);

    /// <summary>Another node's ask: this node answers with the redelivery when it holds the delivery, else absent.</summary>
    private async Task AnswerAsync(RedisState redis, RedisValue text)
    {
        try
        {
            await AnswerAskAsync(redis, text);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or RedisException or TimeoutException)
        {
            // Not an ask of this version, or Redis away: the asker times out with 503 node_unavailable.
        }
    }

    private async Task AnswerAskAsync(RedisState redis, RedisValue text)
    {
        if (JsonNode.Parse(text.ToString()) is not JsonObject message
            || message["ask"]?.GetValue<string>() is not { } ask || message["reply_to"]?.GetValue<string>() is not { } replyTo
            || message["id"]?.GetValue<string>() is not { } id) return;
        var scope = new AdminScope(message["project_id"]?.GetValue<string>());
        RoutedAnswer? answer = null;
        if (replyTo != redis.NodeId)
        {
            answer = await WebhookRedelivery.HereAsync(id, scope, services.GetRequiredService<RequestRegistry>(),
                services.GetRequiredService<WebhookJournal>(), services.GetRequiredService<WebhookDispatcher>(),
                () => redis.Db.StringSetAsync(RedisKeys.RedeliveryClaim(ask), redis.NodeId, AnswerTimeout, When.NotExists));
        }
        var reply = answer is null
            ? new JsonObject { ["ask"] = ask, ["absent"] = true }
            : new JsonObject { ["ask"] = ask, ["status"] = answer.Status, ["body"] = answer.Body };
        await redis.Subscriber.PublishAsync(RedisChannel.Literal(Replies(replyTo)), reply.ToJsonString());
    }

    private void Complete(RedisValue text)
    {
        try
        {
            if (JsonNode.Parse(text.ToString()) is not JsonObject reply || reply["ask"]?.GetValue<string>() is not { } ask
                || !_pending.TryGetValue(ask, out var pending)) return;
            if (reply["absent"] is not null) pending.Absent();
            else pending.Answer.TrySetResult(new RoutedAnswer(reply["status"]?.GetValue<int>() ?? 500, reply["body"]?.DeepClone() as JsonObject ?? []));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Not a reply of this version: ignored.
        }
    }

    private static string Replies(string nodeId) => $"fr:redeliver-reply:{nodeId}";

    /// <summary>One ask's answers: the holder's, or null once every receiver said absent (they may answer before the count is known).</summary>
    private sealed class PendingAsk
    {
        private readonly Lock _gate = new();
        private long _expected = -1;
        private long _absent;

        public TaskCompletionSource<RoutedAnswer?> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Expect(long receivers)
        {
            lock (_gate)
            {
                _expected = receivers;
                if (_absent >= _expected) Answer.TrySetResult(null);
            }
        }

        public void Absent()
        {
            lock (_gate)
            {
                _absent++;
                if (_expected >= 0 && _absent >= _expected) Answer.TrySetResult(null);
            }
        }
    }
}
