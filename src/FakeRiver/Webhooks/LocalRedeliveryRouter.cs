using FakeRiver.Requests;

namespace FakeRiver.Webhooks;

/// <summary>One process: a delivery this node does not hold does not exist.</summary>
internal sealed class LocalRedeliveryRouter : IRedeliveryRouter
{
    public Task<RoutedAnswer?> ForwardAsync(string id, string? projectId, CancellationToken cancellationToken) =>
        Task.FromResult<RoutedAnswer?>(null);
}
