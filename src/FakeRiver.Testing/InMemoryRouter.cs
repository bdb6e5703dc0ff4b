namespace FakeRiver.Testing;

/// <summary>
/// Routes an HTTP request to the in-memory server that owns its host name (a TestServer's handler, say), so
/// FakeRiver's webhooks reach a backend and the backend's calls reach FakeRiver with no socket in between.
/// Loopback hosts it does not know (127.0.0.1, localhost) go over the real network, where a test's own HTTP fakes
/// listen; any other unknown host answers like a refused connection, so nothing leaves the machine by accident.
/// </summary>
/// <param name="resolve">The handler for a host name, or null when the host is not in memory.</param>
/// <param name="track">Called around every request (the scenario runner counts requests in flight); may be null.</param>
public class InMemoryRouter(Func<string, HttpMessageHandler?> resolve, Func<IDisposable>? track = null) : HttpMessageHandler
{
    private readonly Lazy<HttpMessageInvoker> _loopback = new(() => new HttpMessageInvoker(new SocketsHttpHandler(), disposeHandler: true));

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var _ = track?.Invoke();
        var host = request.RequestUri?.Host ?? "";
        if (resolve(host) is { } target)
        {
            // The resolved handler belongs to whoever resolved it (a TestServer, a test's stub): never disposed here.
            using var invoker = new HttpMessageInvoker(target, disposeHandler: false);
            return await invoker.SendAsync(request, cancellationToken);
        }
        if (request.RequestUri is { IsLoopback: true }) return await _loopback.Value.SendAsync(request, cancellationToken);
        throw new HttpRequestException($"No in-process host named '{host}' (connection refused).");
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _loopback.IsValueCreated) _loopback.Value.Dispose();
        base.Dispose(disposing);
    }
}
