using FakeRiver;
using FakeRiver.Requests;
using FakeRiver.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Contract.Webhooks;

/// <summary>The webhook feature alone, on a fake clock, delivering into a scripted handler. One per test.</summary>
internal sealed class WebhookServices : IAsyncDisposable
{
    public const string Secret = "whsec_test_secret";
    public const string Url = "http://receiver.test/webhook";

    private readonly ServiceProvider _provider;

    public WebhookServices(ScriptedWebhookHandler handler, Action<FakeRiverOptions>? configure = null)
    {
        Handler = handler;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<FakeRiverOptions>().Configure(o =>
        {
            o.WebhookSecret = Secret;
            configure?.Invoke(o);
        });
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(new RandomSource(7));
        services.AddWebhooks();
        services.AddHttpClient(WebhookDispatcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        _provider = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));

    public ScriptedWebhookHandler Handler { get; }

    public WebhookDispatcher Dispatcher => _provider.GetRequiredService<WebhookDispatcher>();

    public WebhookJournal Journal => _provider.GetRequiredService<WebhookJournal>();

    /// <summary>Waits (real time capped at 10 s) until the delivery satisfies <paramref name="condition"/>.</summary>
    public async Task<WebhookDelivery> WaitForAsync(string id, Func<WebhookDelivery, bool> condition)
    {
        await Journal.WaitForAsync(all => all.Any(d => d.Id == id && condition(d)), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        return Journal.Find(id)!;
    }

    /// <summary>Waits for the next retry to be scheduled after <paramref name="attempts"/> attempts, then moves the clock to it.</summary>
    public async Task<WebhookDelivery> AdvanceToRetryAsync(string id, int attempts)
    {
        var pending = await WaitForAsync(id, d => d.Attempts.Count == attempts && d.NextAttemptAt is not null);
        Clock.Advance(pending.NextAttemptAt!.Value - Clock.GetUtcNow());
        return pending;
    }

    public async ValueTask DisposeAsync()
    {
        await Dispatcher.StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
    }
}
