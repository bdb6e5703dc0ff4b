using System.Text.Json.Nodes;
using FakeRiver.Observability;
using Microsoft.Extensions.Options;

namespace FakeRiver.Admin;

/// <summary>
/// Every callback FakeRiver received and what it answered; the admin API and tests read it. Thread-safe. Keeps the
/// newest <see cref="RetentionOptions.MaxJournalEntries"/> entries, none older than <see cref="RetentionOptions.MaxAge"/>.
/// </summary>
internal sealed class CallbackJournal(TimeProvider time, IOptions<FakeRiverOptions> options, RiverEventFeed? events = null,
    ISharedJournals? shared = null)
{
    private readonly Lock _gate = new();
    private readonly Queue<CallbackEntry> _entries = new();
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Completes at the next recorded callback: tests await it instead of polling the journal.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    /// <summary>Records the callback and passes the answer through, so handlers can <c>return journal.Record(...)</c>.</summary>
    public IResult Record(string channelId, int status, JsonObject? body, IResult answer) =>
        Record(time.GetUtcNow(), channelId, status, body, answer);

    /// <summary>As <see cref="Record(string, int, JsonObject?, IResult)"/>, with the time the callback arrived.</summary>
    public IResult Record(DateTimeOffset receivedAt, string channelId, int status, JsonObject? body, IResult answer)
    {
        var entry = new CallbackEntry(channelId, status, body?.ToJsonString(), receivedAt);
        lock (_gate)
        {
            _entries.Enqueue(entry);
            EvictLocked();
            // Cluster mode: shared under the lock, so in this journal's order and before anyone here can see it (a
            // reader told by this journal then finds it in Redis; Append only queues the command).
            if (shared is { IsShared: true }) shared.Append(JournalKind.Callbacks, channelId, null, entry.ToJson());
        }
        Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
        events?.Callback(channelId, status, entry.Body);
        return answer;
    }

    public IReadOnlyList<CallbackEntry> All()
    {
        lock (_gate)
        {
            EvictLocked();
            return [.. _entries];
        }
    }

    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }

    /// <summary>Forgets the callbacks of some channels (a project-scoped admin reset).</summary>
    public void RemoveChannels(IReadOnlySet<string> channelIds)
    {
        lock (_gate)
        {
            var keep = _entries.Where(e => !channelIds.Contains(e.ChannelId)).ToList();
            _entries.Clear();
            foreach (var entry in keep) _entries.Enqueue(entry);
        }
    }

    private void EvictLocked()
    {
        var retention = options.Value.Retention;
        var oldestKept = time.GetUtcNow() - retention.MaxAge;
        while (_entries.TryPeek(out var head) && (_entries.Count > retention.MaxJournalEntries || head.ReceivedAt <= oldestKept))
        {
            _entries.Dequeue();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
