using FakeRiver.Requests;
using FakeRiver.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FakeRiver.Testing;

/// <summary>Registers webhook fault injection; only tests, the fixture and the scenario worlds call it.</summary>
public static class WebhookFaultSetup
{
    /// <summary>
    /// Replaces FakeRiver's webhook sender with one that applies <paramref name="plan"/>. Call it after
    /// <c>AddFakeRiver</c> (or in <see cref="FakeRiverServerOptions.ConfigureServices"/>); an empty plan changes nothing.
    /// </summary>
    /// <param name="services">FakeRiver's services.</param>
    /// <param name="plan">The faults to inject.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddWebhookFaults(this IServiceCollection services, WebhookFaultPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.IsEmpty) return services;
        services.RemoveAll<IWebhookSender>();
        services.AddSingleton<IWebhookSender>(sp => new FaultyWebhookSender(sp.GetRequiredService<WebhookSender>(), plan,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<FakeRiverOptions>>(), sp.GetRequiredService<RandomSource>()));
        return services;
    }
}
