using FakeRiver.Admin;
using FakeRiver.Observability;
using Microsoft.Extensions.Options;

namespace FakeRiver.Phoenix;

/// <summary>
/// In-memory record of socket connections, joins and closes, oldest first. Thread-safe. Keeps the newest
/// <see cref="RetentionOptions.MaxJournalEntries"/> entries, none older than <see cref="RetentionOptions.MaxAge"/>.
/// Refused upgrades are only counted (by reason): anyone can send them, so storing each would let anyone grow it.
/// </summary>
internal sealed class PhoenixJournal(TimeProvider time, IOptions<FakeRiverOptions> options, RiverEventFeed? events = null,
    ISharedJournals? shared = null)
{
    private readonly Lock _gate = new();
    private readonly Queue<PhoenixJournalEntry> _entries = new();
    private readonly SortedDictionary<string, long> _refused = new(StringComparer.Ordinal);
    private readonly List<(Func<PhoenixJournalEntry, bool> Match, TaskCompletionSource<PhoenixJournalEntry> Done)> _waiters = [];
    private long _socketCount;

    /// <summary>A fresh socket id; deterministic so transcripts repeat from run to run.</summary>
    public string NextSocketId() => $"s{Interlocked.Increment(ref _socketCount)}";

    public void Record(string? socketId, string kind, string? channelId = null, string? topic = null, string? detail = null)
    {
        var entry = new PhoenixJournalEntry(time.GetUtcNow(), socketId, kind, channelId, topic, detail);
        List<TaskCompletionSource<PhoenixJournalEntry>> matched = [];
        lock (_gate)
        {
            _entries.Enqueue(entry);
            EvictLocked();
            // Cluster mode: shared under the lock, so in this journal's order and before anyone here can see it (a
            // reader told by this journal then finds it in Redis; Append only queues the command).
            if (shared is { IsShared: true }) shared.Append(JournalKind.Sockets, channelId, null, PhoenixAdminEndpoints.ToJson(entry));
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Match(entry)) continue;
                matched.Add(_waiters[i].Done);
                _waiters.RemoveAt(i);
            }
        }
        // Completed outside the lock: continuations run asynchronously anyway, but never under our gate.
        foreach (var done in matched) done.TrySetResult(entry);
        events?.Socket(socketId, kind, channelId, topic, detail);
    }

    /// <summary>Counts a refused upgrade under <paramref name="reason"/> (a short, fixed text such as <c>403 token Unknown</c>).</summary>
    public void CountRefused(string reason)
    {
        lock (_gate) _refused[reason] = _refused.GetValueOrDefault(reason) + 1;
        if (shared is { IsShared: true }) shared.CountRefused(reason);
    }

    /// <summary>Refused upgrades since start (or the last reset), by reason.</summary>
    public IReadOnlyDictionary<string, long> RefusedUpgrades()
    {
        lock (_gate) return new SortedDictionary<string, long>(_refused, StringComparer.Ordinal);
    }

    /// <summary>
    /// The first entry, recorded or still to come, that matches: lets tests and the scenario runner wait on a
    /// socket event (a close, a join) as a signal instead of polling.
    /// </summary>
    public Task<PhoenixJournalEntry> WaitForAsync(Func<PhoenixJournalEntry, bool> match, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var existing = _entries.FirstOrDefault(match);
            if (existing is not null) return Task.FromResult(existing);
            var done = new TaskCompletionSource<PhoenixJournalEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    public IReadOnlyList<PhoenixJournalEntry> Entries()
    {
        lock (_gate)
        {
            EvictLocked();
            return [.. _entries];
        }
    }

    /// <summary>Forgets the entries of some channels (a project-scoped admin reset).</summary>
    public void RemoveChannels(IReadOnlySet<string> channelIds)
    {
        lock (_gate)
        {
            var keep = _entries.Where(e => e.ChannelId is not { } channel || !channelIds.Contains(channel)).ToList();
            _entries.Clear();
            foreach (var entry in keep) _entries.Enqueue(entry);
        }
    }

    public IReadOnlyList<PhoenixJournalEntry> ForChannel(string channelId)
    {
        lock (_gate)
        {
            EvictLocked();
            return [.. _entries.Where(e => e.ChannelId == channelId)];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _refused.Clear();
        }
    }

    private void EvictLocked()
    {
        var retention = options.Value.Retention;
        var oldestKept = time.GetUtcNow() - retention.MaxAge;
        while (_entries.TryPeek(out var head) && (_entries.Count > retention.MaxJournalEntries || head.At <= oldestKept))
        {
            _entries.Dequeue();
        }
    }
}
