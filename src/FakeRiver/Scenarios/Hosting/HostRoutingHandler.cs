namespace FakeRiver.Scenarios.Hosting;

/// <summary>
/// Routes an in-memory HTTP request to the test server that owns its host name, so FakeRiver's webhooks reach
/// the backend and the backend's calls reach FakeRiver with no socket in between. An unknown host answers like a
/// refused connection. With an <see cref="WorldActivity"/> it counts requests in flight, so the scenario runner
/// knows when the system is quiet enough to move virtual time on.
/// </summary>
public sealed class HostRoutingHandler(Func<string, HttpMessageHandler?> resolve, WorldActivity? activity = null) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var host = request.RequestUri?.Host ?? "";
        var target = resolve(host)
            ?? throw new HttpRequestException($"No in-process host named '{host}' (connection refused).");
        using var invoker = new HttpMessageInvoker(target, disposeHandler: true);
        using var _ = activity?.Begin();
        return await invoker.SendAsync(request, cancellationToken);
    }
}
