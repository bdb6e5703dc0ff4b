using FakeRiver.Requests;

namespace FakeRiver.Webhooks;

/// <summary>
/// Where <c>POST /__admin/webhooks/{id}/redeliver</c> goes when this node does not hold the delivery: nowhere in one
/// process; in cluster mode to the node that sent it (docs/ARCHITECTURE.md 2.1).
/// </summary>
internal interface IRedeliveryRouter
{
    /// <summary>The answer of the node holding the delivery, or null when no node knows it.</summary>
    Task<RoutedAnswer?> ForwardAsync(string id, string? projectId, CancellationToken cancellationToken);
}
