namespace Contract.Infrastructure;

/// <summary>
/// Routes an in-memory HTTP request to the test server that owns its host name, so FakeRiver's webhooks reach
/// ChatBackend and ChatBackend's calls reach FakeRiver with no socket in between.
/// </summary>
public sealed class HostRoutingHandler(Func<string, HttpMessageHandler?> resolve) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var host = request.RequestUri?.Host ?? "";
        var target = resolve(host)
            ?? throw new HttpRequestException($"No in-process host named '{host}' (connection refused).");
        return new HttpMessageInvoker(target, disposeHandler: true).SendAsync(request, cancellationToken);
    }
}
