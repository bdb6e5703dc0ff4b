namespace FakeRiver.Webhooks;

/// <summary>
/// Where a node keeps the deliveries it is still trying, so that another node can finish them if this one stops
/// (docs/ARCHITECTURE.md 2.1). The default (<see cref="NoWebhookLedger"/>) keeps nothing: a single node's deliveries
/// live and end with it. Cluster mode keeps them in Redis under the node's lease.
/// </summary>
internal interface IWebhookLedger
{
    /// <summary>Records a delivery this node is about to try, before its first attempt.</summary>
    Task AddAsync(WebhookDelivery delivery);

    /// <summary>
    /// Records a delivery's attempts and state before a retry and after a failed attempt (with its next due time).
    /// False when another node has taken the delivery over (this node's lease ran out meanwhile): this node then
    /// stops trying it.
    /// </summary>
    Task<bool> UpdateAsync(WebhookDelivery delivery);

    /// <summary>The delivery is finished (delivered or dead-lettered): no node tries it again.</summary>
    Task RemoveAsync(string deliveryId);
}
