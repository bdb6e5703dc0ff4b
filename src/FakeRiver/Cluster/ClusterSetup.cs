using FakeRiver.Admin;
using FakeRiver.Observability;
using FakeRiver.Requests;
using FakeRiver.Webhooks;
using FakeRiver.Workflows;
using Microsoft.Extensions.Options;

namespace FakeRiver.Cluster;

/// <summary>
/// Composition of cluster mode. The state interfaces resolve to Redis when <see cref="FakeRiverOptions.Redis"/> is
/// set and to the in-memory stores otherwise; the choice is made when they are first resolved, after all
/// configuration sources (command line, test settings) are in.
/// </summary>
internal static class ClusterSetup
{
    public static IServiceCollection AddClusterState(this IServiceCollection services)
    {
        services.AddSingleton<RedisState>();
        services.AddSingleton<RedisWsTokenStore>();
        services.AddSingleton<RedisRequestDirectory>();
        services.AddSingleton<RedisChannelFeed>();
        services.AddSingleton<RedisCallbackRouter>();
        services.AddSingleton<OrphanFinisher>();
        services.AddSingleton<RedisWebhookLedger>();
        services.AddSingleton<LocalRequestDirectory>();
        services.AddSingleton<LocalChannelFeed>();
        services.AddSingleton<LocalCallbackRouter>();
        services.AddSingleton<IWsTokenStore>(sp => Pick<IWsTokenStore, RedisWsTokenStore, WsTokenStore>(sp));
        services.AddSingleton<IRequestDirectory>(sp => Pick<IRequestDirectory, RedisRequestDirectory, LocalRequestDirectory>(sp));
        services.AddSingleton<IChannelFeed>(sp => Pick<IChannelFeed, RedisChannelFeed, LocalChannelFeed>(sp));
        services.AddSingleton<ICallbackRouter>(sp => Pick<ICallbackRouter, RedisCallbackRouter, LocalCallbackRouter>(sp));
        services.AddSingleton<RedisWorkflowStore>();
        services.AddSingleton<RedisFaultStore>();
        services.AddSingleton<RedisJournals>();
        services.AddSingleton<LocalRuntimeWorkflows>();
        services.AddSingleton<LocalJournals>();
        services.AddSingleton<IRuntimeWorkflows>(sp => Pick<IRuntimeWorkflows, RedisWorkflowStore, LocalRuntimeWorkflows>(sp));
        services.AddSingleton<IFaultStore>(sp => Pick<IFaultStore, RedisFaultStore, FaultStore>(sp));
        services.AddSingleton<ISharedJournals>(sp => Pick<ISharedJournals, RedisJournals, LocalJournals>(sp));
        services.AddSingleton<IWebhookLedger>(sp => IsCluster(sp) ? sp.GetRequiredService<RedisWebhookLedger>() : NoWebhookLedger.Instance);
        // The feed's fan-out: a listener that does nothing until cluster mode starts it.
        services.AddSingleton<RedisEventRelay>();
        services.AddSingleton<IRiverEventListener>(sp => sp.GetRequiredService<RedisEventRelay>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisEventRelay>());
        services.AddAdminReset<RedisEventRelay>(r => r.Forget, r => r.Forget);
        services.AddSingleton<RedisRedeliveryRouter>();
        services.AddSingleton<LocalRedeliveryRouter>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisRedeliveryRouter>());
        services.AddSingleton<IRedeliveryRouter>(sp => Pick<IRedeliveryRouter, RedisRedeliveryRouter, LocalRedeliveryRouter>(sp));
        services.AddHostedService<ClusterNode>();
        services.AddHostedService<ClusterAdminNotices>();
        return services;
    }

    public static bool IsCluster(IServiceProvider services) =>
        !string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<FakeRiverOptions>>().Value.Redis);

    private static TService Pick<TService, TRedis, TLocal>(IServiceProvider services)
        where TService : class where TRedis : class, TService where TLocal : class, TService =>
        IsCluster(services) ? services.GetRequiredService<TRedis>() : services.GetRequiredService<TLocal>();
}
