namespace FakeRiver.Webhooks;

/// <summary>
/// Every webhook delivery, oldest first, as immutable snapshots. Thread-safe. Tests and the admin API read it;
/// <see cref="WaitForAsync"/> lets them await a condition instead of sleeping.
/// </summary>
internal sealed class WebhookJournal
{
    private readonly Lock _gate = new();
    private readonly List<WebhookDelivery> _deliveries = [];

    // Position of each delivery in _deliveries: a delivery is recorded on every change, and a linear search made
    // recording O(n) under the lock (the load benchmark's async accept slowed as the journal grew).
    private readonly Dictionary<string, int> _indexById = new(StringComparer.Ordinal);
    private readonly List<(Func<IReadOnlyList<WebhookDelivery>, bool> Predicate, TaskCompletionSource Signal)> _waiters = [];

    /// <summary>Adds a delivery or replaces the snapshot with the same id, then wakes the waiters it satisfies.</summary>
    public void Record(WebhookDelivery delivery)
    {
        List<TaskCompletionSource> satisfied;
        lock (_gate)
        {
            if (_indexById.TryGetValue(delivery.Id, out var index)) _deliveries[index] = delivery;
            else
            {
                _indexById[delivery.Id] = _deliveries.Count;
                _deliveries.Add(delivery);
            }
            satisfied = TakeSatisfiedWaiters();
        }
        // Completed outside the lock; RunContinuationsAsynchronously keeps waiters off the dispatcher's thread anyway.
        foreach (var signal in satisfied) signal.TrySetResult();
    }

    public IReadOnlyList<WebhookDelivery> All()
    {
        lock (_gate) return [.. _deliveries];
    }

    public IReadOnlyList<WebhookDelivery> ForChannel(string channelId)
    {
        lock (_gate) return [.. _deliveries.Where(d => d.ChannelId == channelId)];
    }

    public IReadOnlyList<WebhookDelivery> DeadLetters()
    {
        lock (_gate) return [.. _deliveries.Where(d => d.State == WebhookDeliveryState.DeadLettered)];
    }

    public WebhookDelivery? Find(string id)
    {
        lock (_gate) return _indexById.TryGetValue(id, out var index) ? _deliveries[index] : null;
    }

    /// <summary>Forgets every record (admin reset). Deliveries still running re-appear with their next change.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _deliveries.Clear();
            _indexById.Clear();
        }
    }

    /// <summary>Forgets the deliveries of some channels (a project-scoped admin reset).</summary>
    public void RemoveChannels(IReadOnlySet<string> channelIds)
    {
        lock (_gate)
        {
            _deliveries.RemoveAll(d => channelIds.Contains(d.ChannelId));
            _indexById.Clear();
            for (var i = 0; i < _deliveries.Count; i++) _indexById[_deliveries[i].Id] = i;
        }
    }

    /// <summary>
    /// Completes as soon as <paramref name="predicate"/> holds for the deliveries (checked now and after every change).
    /// The predicate runs under the journal's lock: keep it a quick, pure check of its argument.
    /// </summary>
    public Task WaitForAsync(Func<IReadOnlyList<WebhookDelivery>, bool> predicate, CancellationToken ct)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (predicate([.. _deliveries])) return Task.CompletedTask;
            _waiters.Add((predicate, signal));
        }
        if (!ct.CanBeCanceled) return signal.Task;
        var registration = ct.Register(() =>
        {
            lock (_gate) _waiters.RemoveAll(w => w.Signal == signal);
            signal.TrySetCanceled(ct);
        });
        _ = signal.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return signal.Task;
    }

    private List<TaskCompletionSource> TakeSatisfiedWaiters()
    {
        var satisfied = new List<TaskCompletionSource>();
        if (_waiters.Count == 0) return satisfied; // no snapshot copy when nobody waits (the common case)
        IReadOnlyList<WebhookDelivery> snapshot = [.. _deliveries];
        _waiters.RemoveAll(waiter =>
        {
            if (!waiter.Predicate(snapshot)) return false;
            satisfied.Add(waiter.Signal);
            return true;
        });
        return satisfied;
    }
}
