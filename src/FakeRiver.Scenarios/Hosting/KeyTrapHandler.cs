using System.Net;
using FakeRiver.Scenarios.Running;

namespace FakeRiver.Scenarios.Hosting;

/// <summary>The in-memory <see cref="KeyTrap"/>: the handler the host router hands requests for the trap's host name.</summary>
internal sealed class KeyTrapHandler(KeyTrap trap) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .SelectMany(h => h.Value);
        trap.Record(headers, body);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
    }
}
