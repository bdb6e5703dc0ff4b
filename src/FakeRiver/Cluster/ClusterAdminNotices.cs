using FakeRiver.Admin;
using FakeRiver.Requests;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>
/// Cluster mode: an admin reset on another node empties this node's in-memory stores too (requests, tokens, rate
/// windows, its journals' memory). The shared state (Redis journals, workflows, faults) is already reset by the node
/// that answered the reset, before it answered; this notice only follows it.
/// </summary>
internal sealed class ClusterAdminNotices(IServiceProvider services, IOptions<FakeRiverOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Redis)) return;
        var redis = services.GetRequiredService<RedisState>();
        var notices = await redis.Subscriber.SubscribeAsync(RedisChannel.Literal(RedisAdminKeys.ResetNotices));
        notices.OnMessage(message =>
        {
            if (RedisJournals.ReadNotice(message.Message) is not { } notice || notice.From == redis.NodeId) return;
            AdminEndpoints.ResetLocally(notice.ProjectId, services.GetRequiredService<RequestRegistry>(),
                services.GetServices<IAdminResettable>());
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
