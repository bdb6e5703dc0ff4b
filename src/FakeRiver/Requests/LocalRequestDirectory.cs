namespace FakeRiver.Requests;

/// <summary>The one-process directory: this node's <see cref="RequestRegistry"/> is every request there is.</summary>
internal sealed class LocalRequestDirectory(RequestRegistry registry) : IRequestDirectory
{
    public ValueTask PublishAsync(RiverRequest request) => ValueTask.CompletedTask;

    public ValueTask<RequestLocation?> FindAsync(string channelId) => ValueTask.FromResult(
        registry.TryGet(channelId, out var request) ? new RequestLocation(request.ChannelId, request.ProjectId, request.PublicBaseUri) : null);
}
