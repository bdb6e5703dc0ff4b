namespace Contract.Infrastructure;

/// <summary>
/// Routes an in-memory HTTP request to the test server that owns its host name, so FakeRiver's webhooks reach
/// ChatBackend and ChatBackend's calls reach FakeRiver with no socket in between. Loopback hosts it does not know
/// (127.0.0.1, localhost) go over the real network: that is where a test's WireMock upstream listens.
/// Any other unknown host is refused, so a test never reaches outside the machine by accident.
/// </summary>
public sealed class HostRoutingHandler(Func<string, HttpMessageHandler?> resolve) : HttpMessageHandler
{
    private readonly Lazy<HttpMessageInvoker> _loopback = new(() => new HttpMessageInvoker(new SocketsHttpHandler(), disposeHandler: true));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var host = request.RequestUri?.Host ?? "";
        if (resolve(host) is { } target) return new HttpMessageInvoker(target, disposeHandler: true).SendAsync(request, cancellationToken);
        if (request.RequestUri is { IsLoopback: true }) return _loopback.Value.SendAsync(request, cancellationToken);
        throw new HttpRequestException($"No in-process host named '{host}' (connection refused).");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _loopback.IsValueCreated) _loopback.Value.Dispose();
        base.Dispose(disposing);
    }
}
