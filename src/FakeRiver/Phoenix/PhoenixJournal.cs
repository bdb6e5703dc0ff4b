using FakeRiver.Observability;

namespace FakeRiver.Phoenix;

/// <summary>In-memory record of socket connections, joins and closes, oldest first. Thread-safe.</summary>
public sealed class PhoenixJournal(TimeProvider time, RiverEventFeed? events = null)
{
    private readonly Lock _gate = new();
    private readonly List<PhoenixJournalEntry> _entries = [];
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
            _entries.Add(entry);
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
        lock (_gate) return [.. _entries];
    }

    /// <summary>Forgets the entries of some channels (a project-scoped admin reset).</summary>
    public void RemoveChannels(IReadOnlySet<string> channelIds)
    {
        lock (_gate) _entries.RemoveAll(e => e.ChannelId is { } channel && channelIds.Contains(channel));
    }

    public IReadOnlyList<PhoenixJournalEntry> ForChannel(string channelId)
    {
        lock (_gate) return [.. _entries.Where(e => e.ChannelId == channelId)];
    }

    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }
}
