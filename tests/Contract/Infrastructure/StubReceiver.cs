using System.Collections.Concurrent;
using System.Net;

namespace Contract.Infrastructure;

/// <summary>
/// A hand-written HTTP endpoint for a test: answers with <see cref="Respond"/> and records every request it saw,
/// with a signal per arrival so tests wait on requests, not on time.
/// </summary>
public sealed class StubReceiver : HttpMessageHandler
{
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly SemaphoreSlim _arrivals = new(0);

    /// <summary>Decides the answer; default 200 with an empty JSON object.</summary>
    public Func<ReceivedRequest, int, HttpResponseMessage> Respond { get; set; } =
        static (_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    /// <summary>Waits until <paramref name="count"/> requests in all have arrived.</summary>
    public async Task WaitForAsync(int count)
    {
        while (_received.Count < count) await _arrivals.WaitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var received = new ReceivedRequest(request.Method.Method, request.RequestUri!, headers, body);
        _received.Enqueue(received);
        var response = Respond(received, _received.Count);
        _arrivals.Release();
        return response;
    }

    protected override void Dispose(bool disposing)
    {
        // Shared across HttpClients in a test; the test owns its lifetime, so handler disposal is ignored.
    }
}
