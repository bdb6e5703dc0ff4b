namespace FakeRiver.Scenarios.Hosting;

/// <summary>
/// Routes an in-memory HTTP request to the test server that owns its host name, so FakeRiver's webhooks reach
/// the backend and the backend's calls reach FakeRiver with no socket in between. Loopback hosts it does not
/// know (127.0.0.1, localhost) go over the real network — where a test's WireMock upstream listens; any other
/// unknown host answers like a refused connection, so nothing reaches outside the machine by accident.
/// With a <see cref="WorldActivity"/> it counts requests in flight, so the scenario runner knows when the system
/// is quiet enough to move virtual time on.
/// </summary>
public sealed class HostRoutingHandler(Func<string, HttpMessageHandler?> resolve, WorldActivity? activity = null) : HttpMessageHandler
{
    private readonly Lazy<HttpMessageInvoker> _loopback = new(() => new HttpMessageInvoker(new SocketsHttpHandler(), disposeHandler: true));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var _ = activity?.Begin();
        var host = request.RequestUri?.Host ?? "";
        if (resolve(host) is { } target)
        {
            using var invoker = new HttpMessageInvoker(target, disposeHandler: true);
            return await invoker.SendAsync(request, cancellationToken);
        }
        if (request.RequestUri is { IsLoopback: true }) return await _loopback.Value.SendAsync(request, cancellationToken);
        throw new HttpRequestException($"No in-process host named '{host}' (connection refused).");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _loopback.IsValueCreated) _loopback.Value.Dispose();
        base.Dispose(disposing);
    }
}
