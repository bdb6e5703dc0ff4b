namespace Contract.ChatBackend.Infrastructure;

/// <summary>
/// Primary handler of ChatBackend's "modelriver" client. A new one per handler build (the factory disposes them),
/// all forwarding to one <see cref="FakeModelRiver"/>.
/// </summary>
public sealed class FakeModelRiverHandler(FakeModelRiver river) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        river.HandleAsync(request, cancellationToken);
}
