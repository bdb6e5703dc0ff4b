namespace FakeRiver.Webhooks;

/// <summary>The single-node ledger: keeps nothing, every call completes at once.</summary>
internal sealed class NoWebhookLedger : IWebhookLedger
{
    public static NoWebhookLedger Instance { get; } = new();

    private static readonly Task<bool> Owned = Task.FromResult(true);

    private NoWebhookLedger()
    {
    }

    public Task AddAsync(WebhookDelivery delivery) => Task.CompletedTask;

    public Task<bool> UpdateAsync(WebhookDelivery delivery) => Owned;

    public Task RemoveAsync(string deliveryId) => Task.CompletedTask;
}
