using FakeRiver.Requests;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FakeRiver.Webhooks;

/// <summary>Composition of the webhook feature: signer, journal, dispatcher (a hosted service), admin endpoints.</summary>
internal static class WebhookSetup
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        // The schedule and timeouts run on the injected TimeProvider, not on HttpClient's own real-time timeout.
        // Faults injected through /__admin/faults are played by a handler in front of the network, not by the dispatcher.
        services.TryAddSingleton<RequestRegistry>();
        services.TryAddTransient<InjectedWebhookFaultHandler>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<InjectedWebhookFaultHandler>();
        services.TryAddSingleton<WebhookSigner>();
        services.TryAddSingleton<WebhookJournal>();
        services.TryAddSingleton<WebhookSender>();
        // Fault-injecting senders (FakeRiver.Testing, the scenario worlds) replace this one; production uses it as is.
        services.TryAddSingleton<IWebhookSender>(sp => sp.GetRequiredService<WebhookSender>());
        // One node keeps no ledger; cluster mode registers its Redis ledger first (Cluster/ClusterSetup.cs).
        services.TryAddSingleton<IWebhookLedger>(NoWebhookLedger.Instance);
        services.TryAddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }

    public static IEndpointRouteBuilder MapWebhookAdmin(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapWebhookAdminEndpoints();
}
