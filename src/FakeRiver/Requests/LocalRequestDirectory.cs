namespace FakeRiver.Requests;

/// <summary>The one-process directory: this node's <see cref="RequestRegistry"/> is every request there is.</summary>
public sealed class LocalRequestDirectory(RequestRegistry registry) : IRequestDirectory
{
    public void Publish(RiverRequest request)
    {
    }

    public RequestLocation? Find(string channelId) =>
        registry.TryGet(channelId, out var request) ? new RequestLocation(request.ChannelId, request.ProjectId, request.PublicBaseUri) : null;
}
