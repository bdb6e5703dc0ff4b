using System.Collections.Concurrent;

namespace Contract.Webhooks;

/// <summary>
/// A hand-written webhook receiver for the dispatcher's named HttpClient: answers attempt n (1-based) with
/// <c>respond(n, ct)</c> and captures every request. <see cref="Received"/> signals the n-th arrival.
/// </summary>
public sealed class ScriptedWebhookHandler(Func<int, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource<CapturedRequest>> _arrivals = new();
    private int _count;

    public static ScriptedWebhookHandler Status(Func<int, int> statusOf) =>
        new((n, _) => Task.FromResult(new HttpResponseMessage((System.Net.HttpStatusCode)statusOf(n))));

    /// <summary>A response that never comes (until the dispatcher gives up and cancels).</summary>
    public static Task<HttpResponseMessage> Never(CancellationToken ct) =>
        new TaskCompletionSource<HttpResponseMessage>().Task.WaitAsync(ct);

    public int Count => Volatile.Read(ref _count);

    public Task<CapturedRequest> Received(int number) => Arrival(number).Task;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
        var number = Interlocked.Increment(ref _count);
        Arrival(number).TrySetResult(new CapturedRequest(request.RequestUri, headers, body));
        return await respond(number, cancellationToken);
    }

    private TaskCompletionSource<CapturedRequest> Arrival(int number) =>
        _arrivals.GetOrAdd(number, _ => new TaskCompletionSource<CapturedRequest>(TaskCreationOptions.RunContinuationsAsynchronously));
}
