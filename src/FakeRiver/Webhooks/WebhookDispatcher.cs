using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FakeRiver.Observability;
using FakeRiver.Requests;
using Microsoft.Extensions.Options;
using ModelRiver.Wire.Json;

namespace FakeRiver.Webhooks;

/// <summary>
/// Delivers webhooks in the background with ModelRiver's retry schedule (contract 2.6): attempt 1 at once, then
/// each configured delay after the previous attempt ended; any 2xx succeeds, anything else (status, error, timeout)
/// is retried, and after the last attempt the delivery is dead-lettered. Time only through the injected
/// <see cref="TimeProvider"/>, so tests drive the whole schedule with a fake clock. Each delivery still being tried
/// is kept in the <see cref="IWebhookLedger"/> (in cluster mode, Redis), so another node can take it over from the
/// recorded attempt (<see cref="Resume"/>) if this one stops.
/// </summary>
internal sealed class WebhookDispatcher(
    IWebhookSender sender,
    WebhookJournal journal,
    RandomSource random,
    TimeProvider time,
    IOptions<FakeRiverOptions> options,
    ILogger<WebhookDispatcher> logger,
    IWebhookLedger ledger,
    RiverEventFeed? events = null) : IHostedService, IDisposable
{
    /// <summary>Named HttpClient used for deliveries; tests replace its primary handler.</summary>
    public const string HttpClientName = "fakeriver-webhooks";

    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private int _disposed;

    /// <summary>Starts delivering <paramref name="body"/> for a request (its webhook_url, else the configured one).</summary>
    public WebhookDelivery Enqueue(RiverRequest request, JsonObject body) =>
        Enqueue(request.WebhookUrl ?? options.Value.WebhookUrl, request.ChannelId, body, request.ProjectId);

    /// <summary>Starts delivering <paramref name="body"/> to <paramref name="url"/>; a null URL is recorded as skipped.</summary>
    public WebhookDelivery Enqueue(string? url, string channelId, JsonObject body, string? projectId = null)
    {
        var type = body["type"]?.GetValue<string>() ?? WebhookBodyFactory.CompletedType;
        // One printing for both texts, so the data slice of the body is byte-identical to what is signed.
        var bodyText = JsJson.Stringify(body, "data", out var dataText);
        var callbackUrl = type == WebhookBodyFactory.AiGeneratedType ? body["callback_url"]?.GetValue<string>() : null;
        return Enqueue(url, channelId, new WebhookText(type, bodyText, dataText, callbackUrl), projectId);
    }

    /// <summary>Starts delivering a body already printed (the pipeline's: <see cref="WebhookNotifier"/>) for a request.</summary>
    public WebhookDelivery Enqueue(RiverRequest request, WebhookText body) =>
        Enqueue(request.WebhookUrl ?? options.Value.WebhookUrl, request.ChannelId, body, request.ProjectId);

    private WebhookDelivery Enqueue(string? url, string channelId, WebhookText body, string? projectId)
    {
        var delivery = new WebhookDelivery
        {
            Id = random.NewUuid(),
            ChannelId = channelId,
            ProjectId = projectId,
            Url = url,
            Type = body.Type,
            State = url is null ? WebhookDeliveryState.Skipped : WebhookDeliveryState.Pending,
            Body = body.Body,
            DataText = body.DataText,
            CallbackUrl = body.CallbackUrl,
            CreatedAt = time.GetUtcNow(),
        };
        journal.Record(delivery);
        if (url is null)
        {
            if (logger.IsEnabled(LogLevel.Information))
                logger.LogInformation("Webhook {Id} for channel {Channel} skipped: no webhook URL", delivery.Id, channelId);
            return delivery;
        }
        // Issued here, before the caller goes on, so the ledger write precedes whatever the caller sends next.
        Start(delivery, ledger.AddAsync(delivery));
        return delivery;
    }

    /// <summary>
    /// Continues a delivery another node started and stopped trying (cluster take-over): its attempts so far are kept
    /// and the schedule goes on from the next attempt number, at its recorded due time.
    /// </summary>
    public void Resume(WebhookDelivery delivery)
    {
        journal.Record(delivery);
        logger.LogInformation("Webhook {Id} for channel {Channel} taken over after {Count} attempts", delivery.Id, delivery.ChannelId, delivery.Attempts.Count);
        Start(delivery, Task.CompletedTask);
    }

    private void Start(WebhookDelivery delivery, Task recorded)
    {
        var run = Task.Run(() => RunAsync(delivery, recorded, _stopping.Token));
        _running[delivery.Id] = run;
        _ = run.ContinueWith(_ => _running.TryRemove(delivery.Id, out Task? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Sends a finished delivery (delivered or dead-lettered) once more, re-signed with a fresh timestamp, and records
    /// it as one more attempt. Null when no delivery has <paramref name="id"/>; the delivery unchanged when it is
    /// still running or was skipped (nowhere to send it).
    /// </summary>
    public async Task<WebhookDelivery?> RedeliverAsync(string id)
    {
        if (journal.Find(id) is not { } delivery) return null;
        if (delivery.State is not (WebhookDeliveryState.Delivered or WebhookDeliveryState.DeadLettered)) return delivery;
        journal.Record(delivery with { State = WebhookDeliveryState.Delivering, NextAttemptAt = null });
        var exchanges = await sender.SendAsync(delivery, delivery.Attempts.Count + 1, _stopping.Token);
        Publish(delivery, exchanges);
        var done = delivery with
        {
            Attempts = [.. delivery.Attempts, .. exchanges],
            State = exchanges.Any(a => a.Succeeded) ? WebhookDeliveryState.Delivered : WebhookDeliveryState.DeadLettered,
        };
        journal.Record(done);
        return done;
    }

    private async Task RunAsync(WebhookDelivery delivery, Task recorded, CancellationToken stopping)
    {
        var delays = options.Value.EffectiveRetryDelays();
        try
        {
            await recorded;
            if (delivery.NextAttemptAt is { } resumeAt) await time.DelayUntilAsync(resumeAt, stopping);
            for (var number = delivery.Attempts.Count + 1; ; number++)
            {
                delivery = delivery with { State = WebhookDeliveryState.Delivering, NextAttemptAt = null };
                // A retry may have been taken over while it waited (cluster mode): check before sending it again.
                if (delivery.Attempts.Count > 0 && !await StillOwnedAsync(delivery)) return;
                journal.Record(delivery);
                var exchanges = await sender.SendAsync(delivery, number, stopping);
                Publish(delivery, exchanges);
                delivery = delivery with { Attempts = [.. delivery.Attempts, .. exchanges] };
                if (exchanges.Any(a => a.Succeeded))
                {
                    journal.Record(delivery with { State = WebhookDeliveryState.Delivered });
                    await ledger.RemoveAsync(delivery.Id);
                    return;
                }
                if (number > delays.Count)
                {
                    logger.LogWarning("Webhook {Id} dead-lettered after {Count} attempts", delivery.Id, number);
                    journal.Record(delivery with { State = WebhookDeliveryState.DeadLettered });
                    await ledger.RemoveAsync(delivery.Id);
                    return;
                }
                // Absolute due time from the end of this attempt: re-reading the clock just before waiting keeps a
                // clock that moved meanwhile (a test advancing its fake clock) from stretching the wait.
                var due = time.GetUtcNow() + delays[number - 1];
                delivery = delivery with { State = WebhookDeliveryState.Pending, NextAttemptAt = due };
                journal.Record(delivery);
                if (!await StillOwnedAsync(delivery)) return;
                await time.DelayUntilAsync(due, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Host shutdown: the journal keeps the delivery's last state (and in cluster mode the ledger keeps it
            // for the node that takes it over once this node's lease runs out).
        }
    }

    /// <summary>Records the delivery in the ledger; false when another node owns it now (this node was taken for dead).</summary>
    private async Task<bool> StillOwnedAsync(WebhookDelivery delivery)
    {
        if (await ledger.UpdateAsync(delivery)) return true;
        logger.LogWarning("Webhook {Id} was taken over by another node; this node stops trying it", delivery.Id);
        return false;
    }

    /// <summary>Each HTTP exchange of an attempt to the event feed (dashboard, report, telemetry), with the headers it carried.</summary>
    private void Publish(WebhookDelivery delivery, IReadOnlyList<WebhookAttempt> exchanges)
    {
        if (events is null) return;
        foreach (var exchange in exchanges) events.WebhookAttempt(delivery, exchange, exchange.SentHeaders);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Cancels every pending wait and attempt and waits (bounded by the host) for the loops to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The container may dispose the dispatcher before, after or while the host stops it: all orders are fine.
        try
        {
            if (Volatile.Read(ref _disposed) == 0) await _stopping.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the cancel: Dispose cancelled it already.
        }
        try
        {
            await Task.WhenAll(_running.Values).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host gave up waiting; loops end on their own as their tokens are cancelled.
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
