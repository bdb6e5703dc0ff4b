using FakeRiver.Admin;
using FakeRiver.Phoenix;
using FakeRiver.Requests;
using FakeRiver.Webhooks;

namespace FakeRiver.Testing;

/// <summary>The journals of <c>/__admin</c> as C# records, and waits on them that end on a signal, not a poll.</summary>
public sealed partial class FakeRiverServer
{
    /// <summary>Every request FakeRiver accepted, oldest first (<c>GET /__admin/requests</c>).</summary>
    public IReadOnlyList<RequestRecord> GetRequests() => [.. Service<RequestRegistry>().All().Select(RequestRecord.From)];

    /// <summary>One request (<c>GET /__admin/requests/{channel_id}</c>), or null when FakeRiver has none with that id.</summary>
    /// <param name="channelId">The request's channel id.</param>
    public RequestRecord? GetRequest(string channelId) =>
        Service<RequestRegistry>().TryGet(channelId, out var request) ? RequestRecord.From(request) : null;

    /// <summary>Every webhook delivery with its attempts, oldest first (<c>GET /__admin/webhooks</c>).</summary>
    public IReadOnlyList<WebhookDelivery> GetWebhooks() => Service<WebhookJournal>().All();

    /// <summary>Every callback FakeRiver received and the status it answered (<c>GET /__admin/callbacks</c>).</summary>
    public IReadOnlyList<CallbackEntry> GetCallbacks() => Service<CallbackJournal>().All();

    /// <summary>Every socket event: connects, joins, leaves, closes (refused upgrades are only counted) (<c>GET /__admin/sockets</c>).</summary>
    public IReadOnlyList<PhoenixJournalEntry> GetSocketEvents() => Service<PhoenixJournal>().Entries();

    /// <summary>Waits until request <paramref name="channelId"/> is in <paramref name="state"/>.</summary>
    /// <param name="channelId">The request's channel id (from the async API's answer).</param>
    /// <param name="state">The state to wait for.</param>
    /// <param name="timeout">Real-time patience; a virtual clock still has to be advanced by the test.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The request as it was when the state was reached.</returns>
    /// <exception cref="TimeoutException">The request did not reach the state in time (or ended in another final state).</exception>
    public async Task<RequestRecord> WaitForRequestAsync(string channelId, RequestState state, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!Service<RequestRegistry>().TryGet(channelId, out var request))
            throw new InvalidOperationException($"FakeRiver has no request with channel id '{channelId}'.");
        using var patience = Patience(timeout, cancellationToken);
        // Subscribed before the first look: every state change is followed by a channel event, so none is missed.
        using var subscription = request.Log.Subscribe(long.MaxValue);
        try
        {
            while (request.State != state)
            {
                if (!await subscription.Live.WaitToReadAsync(patience.Token))
                {
                    if (request.State == state) break;
                    throw Timeout($"request {channelId} ended {request.State}, not {state}", GetRequest(channelId));
                }
                while (subscription.Live.TryRead(out _))
                {
                    // Drained: only the state matters.
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Timeout($"request {channelId} still {request.State} after {timeout}, not {state}", GetRequest(channelId));
        }
        return RequestRecord.From(request);
    }

    /// <summary>Waits for a webhook delivery of <paramref name="channelId"/> in <paramref name="state"/>.</summary>
    /// <param name="channelId">The request's channel id.</param>
    /// <param name="state">The delivery state to wait for, e.g. <see cref="WebhookDeliveryState.Delivered"/>.</param>
    /// <param name="timeout">Real-time patience.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The first matching delivery.</returns>
    public Task<WebhookDelivery> WaitForWebhookAsync(string channelId, WebhookDeliveryState state, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitForWebhookAsync(d => d.ChannelId == channelId && d.State == state, timeout, cancellationToken);

    /// <summary>Waits for a webhook delivery that satisfies <paramref name="match"/> (checked on every journal change).</summary>
    /// <param name="match">A quick, pure check of one delivery snapshot.</param>
    /// <param name="timeout">Real-time patience.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The first matching delivery.</returns>
    public async Task<WebhookDelivery> WaitForWebhookAsync(Func<WebhookDelivery, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        var journal = Service<WebhookJournal>();
        using var patience = Patience(timeout, cancellationToken);
        try
        {
            await journal.WaitForAsync(all => all.Any(match), patience.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Timeout($"no matching webhook delivery after {timeout}", journal.All());
        }
        return journal.All().First(match);
    }

    /// <summary>Waits until FakeRiver has received a callback for <paramref name="channelId"/>.</summary>
    /// <param name="channelId">The request's channel id.</param>
    /// <param name="timeout">Real-time patience.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The first callback for that channel, with the status FakeRiver answered.</returns>
    public async Task<CallbackEntry> WaitForCallbackAsync(string channelId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var journal = Service<CallbackJournal>();
        using var patience = Patience(timeout, cancellationToken);
        try
        {
            while (true)
            {
                var changed = journal.Changed; // taken before the look, so a callback in between still wakes us
                if (journal.All().FirstOrDefault(c => c.ChannelId == channelId) is { } found) return found;
                await changed.WaitAsync(patience.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Timeout($"no callback for {channelId} after {timeout}", journal.All());
        }
    }

    /// <summary>Waits for a socket event that satisfies <paramref name="match"/> (e.g. a join of a channel).</summary>
    /// <param name="match">A quick, pure check of one entry.</param>
    /// <param name="timeout">Real-time patience.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task<PhoenixJournalEntry> WaitForSocketEventAsync(Func<PhoenixJournalEntry, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var journal = Service<PhoenixJournal>();
        using var patience = Patience(timeout, cancellationToken);
        try
        {
            return await journal.WaitForAsync(match, patience.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Timeout($"no matching socket event after {timeout}", journal.Entries());
        }
    }

    private T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    private static CancellationTokenSource Patience(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(timeout);
        return patience;
    }

    private static TimeoutException Timeout<T>(string what, T seen) =>
        new($"FakeRiver: {what}. Seen: {System.Text.Json.JsonSerializer.Serialize(seen, WireJson.Options)}");
}
