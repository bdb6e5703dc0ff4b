using System.Net;
using Contract.Providers.OpenAi;
using FakeRiver.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Contract.Cluster;

/// <summary>
/// A webhook receiver on real Kestrel loopback, reachable from node processes: answers 500 while failing and 200 once
/// healed, and records every request it got (headers and exact body) with the status it answered.
/// </summary>
public sealed class LoopbackHookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<Received> _requests = [];
    private readonly List<(Func<IReadOnlyList<Received>, bool> Predicate, TaskCompletionSource Signal)> _waiters = [];
    private volatile bool _healthy;

    private LoopbackHookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Where nodes send webhooks.</summary>
    public string Url { get; }

    public IReadOnlyList<Received> Requests
    {
        get { lock (_gate) return [.. _requests]; }
    }

    public static async Task<LoopbackHookReceiver> StartAsync(bool healthy)
    {
        var root = $"http://127.0.0.1:{OpenAiUpstream.FreePort()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(root);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new LoopbackHookReceiver(app, root + "/hook") { _healthy = healthy };
        app.MapPost("/hook", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>From now on every request is answered 200.</summary>
    public void Heal() => _healthy = true;

    /// <summary>Completes once <paramref name="predicate"/> holds for the requests received (checked now and on each one).</summary>
    public Task WaitForAsync(Func<IReadOnlyList<Received>, bool> predicate, TimeSpan timeout)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (predicate([.. _requests])) return Task.CompletedTask;
            _waiters.Add((predicate, signal));
        }
        return signal.Task.WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var status = _healthy ? HttpStatusCode.OK : HttpStatusCode.InternalServerError;
        var received = new Received(
            request.Headers[WebhookSigner.WebhookIdHeader].ToString(),
            body,
            request.Headers[WebhookSigner.TimestampHeader].ToString(),
            request.Headers[WebhookSigner.SignatureHeader].ToString(),
            request.Headers[WebhookSigner.DocsSignatureHeader].ToString(),
            (int)status);
        List<TaskCompletionSource> satisfied = [];
        lock (_gate)
        {
            _requests.Add(received);
            IReadOnlyList<Received> snapshot = [.. _requests];
            _waiters.RemoveAll(w =>
            {
                if (!w.Predicate(snapshot)) return false;
                satisfied.Add(w.Signal);
                return true;
            });
        }
        foreach (var signal in satisfied) signal.TrySetResult();
        return Results.StatusCode((int)status);
    }

    /// <summary>One request as received: its webhook id, exact body, signature headers and the status answered.</summary>
    public sealed record Received(string WebhookId, string Body, string Timestamp, string Signature, string DocsSignature, int Status)
    {
        public bool Succeeded => Status is >= 200 and < 300;
    }
}
