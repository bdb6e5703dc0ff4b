using System.Text.Json;
using FakeRiver.Admin;
using Microsoft.Extensions.Options;

namespace FakeRiver.Webhooks;

/// <summary>
/// Every webhook delivery, oldest first, as immutable snapshots. Thread-safe. Tests and the admin API read it;
/// <see cref="WaitForAsync"/> lets them await a condition instead of sleeping. Finished deliveries (delivered,
/// dead-lettered, skipped) are kept for <see cref="RetentionOptions.MaxAge"/>, at most
/// <see cref="RetentionOptions.MaxJournalEntries"/> of them; a delivery still being tried is always kept.
/// </summary>
internal sealed class WebhookJournal(TimeProvider time, IOptions<FakeRiverOptions> options, ISharedJournals? shared = null)
{
    private readonly Lock _gate = new();

    // Insertion order for listing, and each delivery's node: a delivery is recorded on every change, so replacing
    // its snapshot must be O(1) under the lock (the load benchmark's async accept slowed when it was O(n)).
    private readonly LinkedList<WebhookDelivery> _deliveries = new();
    private readonly Dictionary<string, LinkedListNode<WebhookDelivery>> _byId = new(StringComparer.Ordinal);

    // Deliveries in the order they finished: the head is the first to go.
    private readonly Queue<(string Id, DateTimeOffset FinishedAt)> _finished = new();
    private readonly List<(Func<IReadOnlyList<WebhookDelivery>, bool> Predicate, TaskCompletionSource Signal)> _waiters = [];

    /// <summary>Deliveries held now, running and finished.</summary>
    public int Count
    {
        get { lock (_gate) return _byId.Count; }
    }

    /// <summary>Adds a delivery or replaces the snapshot with the same id, then wakes the waiters it satisfies.</summary>
    public void Record(WebhookDelivery delivery)
    {
        List<TaskCompletionSource> satisfied;
        lock (_gate)
        {
            var wasFinished = false;
            if (_byId.TryGetValue(delivery.Id, out var node))
            {
                wasFinished = node.Value.IsFinished;
                node.Value = delivery;
            }
            else
            {
                _byId[delivery.Id] = _deliveries.AddLast(delivery);
            }
            if (delivery.IsFinished && !wasFinished) _finished.Enqueue((delivery.Id, time.GetUtcNow()));
            // Cluster mode: shared under the lock, so in this journal's order and before anyone here can see it (a
            // reader told by this journal then finds it in Redis; Append only queues the command).
            if (shared is { IsShared: true })
                shared.Append(JournalKind.Webhooks, delivery.ChannelId, delivery.Id, JsonSerializer.SerializeToNode(delivery, WebhookAdminJson.Options)!);
            EvictLocked();
            satisfied = TakeSatisfiedWaiters();
        }
        // Completed outside the lock; RunContinuationsAsynchronously keeps waiters off the dispatcher's thread anyway.
        foreach (var signal in satisfied) signal.TrySetResult();
    }

    public IReadOnlyList<WebhookDelivery> All()
    {
        lock (_gate)
        {
            EvictLocked();
            return [.. _deliveries];
        }
    }

    public IReadOnlyList<WebhookDelivery> ForChannel(string channelId)
    {
        lock (_gate)
        {
            EvictLocked();
            return [.. _deliveries.Where(d => d.ChannelId == channelId)];
        }
    }

    public IReadOnlyList<WebhookDelivery> DeadLetters()
    {
        lock (_gate)
        {
            EvictLocked();
            return [.. _deliveries.Where(d => d.State == WebhookDeliveryState.DeadLettered)];
        }
    }

    public WebhookDelivery? Find(string id)
    {
        lock (_gate) return _byId.TryGetValue(id, out var node) ? node.Value : null;
    }

    /// <summary>Forgets every record (admin reset). Deliveries still running re-appear with their next change.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _deliveries.Clear();
            _byId.Clear();
            _finished.Clear();
        }
    }

    /// <summary>Forgets the deliveries of some channels (a project-scoped admin reset).</summary>
    public void RemoveChannels(IReadOnlySet<string> channelIds)
    {
        lock (_gate)
        {
            // Queued finish times of removed deliveries are skipped when they come up (the id is gone).
            foreach (var node in _byId.Values.Where(n => channelIds.Contains(n.Value.ChannelId)).ToList())
            {
                _deliveries.Remove(node);
                _byId.Remove(node.Value.Id);
            }
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

    private void EvictLocked()
    {
        var retention = options.Value.Retention;
        var oldestKept = time.GetUtcNow() - retention.MaxAge;
        while (_finished.TryPeek(out var head) && (_finished.Count > retention.MaxJournalEntries || head.FinishedAt <= oldestKept))
        {
            _finished.Dequeue();
            // Gone already (a reset) or running again (a scenario's duplicate delivery): it re-queues when it finishes.
            if (!_byId.TryGetValue(head.Id, out var node) || !node.Value.IsFinished) continue;
            _deliveries.Remove(node);
            _byId.Remove(head.Id);
        }
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
