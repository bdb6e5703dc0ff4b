using System.Text.Json.Nodes;

namespace FakeRiver.Requests;

/// <summary>One process: every request is local, so nothing is forwarded.</summary>
internal sealed class LocalCallbackRouter : ICallbackRouter
{
    public Task<RoutedAnswer?> ForwardAsync(string channelId, string projectId, JsonObject body, CancellationToken cancellationToken) =>
        Task.FromResult<RoutedAnswer?>(null);
}
