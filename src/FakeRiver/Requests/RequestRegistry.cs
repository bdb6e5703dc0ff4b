using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace FakeRiver.Requests;

/// <summary>
/// Every request FakeRiver has accepted, by channel id. Thread-safe; cleared by the admin reset. Bounded by
/// <see cref="RetentionOptions"/>: a request whose final response is out is kept for at most
/// <see cref="RetentionOptions.MaxAge"/>, and at most <see cref="RetentionOptions.MaxRequests"/> of them (the
/// oldest-finished go first). A running request is never dropped. Eviction happens as the registry is used (add,
/// look-up, listing), so it needs no timer and follows a fake clock exactly.
/// </summary>
internal sealed class RequestRegistry(TimeProvider time, IOptions<FakeRiverOptions> options)
{
    private readonly ConcurrentDictionary<string, RiverRequest> _byChannel = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    // Finished requests in the order they finished (their finish times only grow): the head goes first.
    private readonly Queue<(RiverRequest Request, DateTimeOffset FinishedAt)> _finished = new();

    /// <summary>Requests held now, running and finished.</summary>
    public int Count => _byChannel.Count;

    public void Add(RiverRequest request)
    {
        EvictExpired();
        if (!_byChannel.TryAdd(request.ChannelId, request))
        {
            throw new InvalidOperationException($"Channel {request.ChannelId} is already registered.");
        }
        request.Log.OnFinal(() => Finished(request));
    }

    public bool TryGet(string channelId, out RiverRequest request)
    {
        EvictExpired();
        return _byChannel.TryGetValue(channelId, out request!);
    }

    /// <summary>A snapshot, oldest first.</summary>
    public IReadOnlyList<RiverRequest> All()
    {
        EvictExpired();
        return [.. _byChannel.Values.OrderBy(r => r.CreatedAt).ThenBy(r => r.ChannelId, StringComparer.Ordinal)];
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byChannel.Clear();
            _finished.Clear();
        }
    }

    /// <summary>Forgets one project's requests (a project-scoped admin reset).</summary>
    public void RemoveProject(string projectId)
    {
        lock (_gate)
        {
            foreach (var request in _byChannel.Values.Where(r => r.ProjectId == projectId)) _byChannel.TryRemove(request.ChannelId, out _);
            var kept = _finished.Where(f => f.Request.ProjectId != projectId).ToList();
            _finished.Clear();
            foreach (var entry in kept) _finished.Enqueue(entry);
        }
    }

    private void Finished(RiverRequest request)
    {
        lock (_gate)
        {
            // Forgotten by a reset while it ran: nothing to retain.
            if (!_byChannel.TryGetValue(request.ChannelId, out var held) || held != request) return;
            _finished.Enqueue((request, time.GetUtcNow()));
            EvictLocked();
        }
    }

    private void EvictExpired()
    {
        lock (_gate) EvictLocked();
    }

    private void EvictLocked()
    {
        var retention = options.Value.Retention;
        var oldestKept = time.GetUtcNow() - retention.MaxAge;
        while (_finished.TryPeek(out var head) && (_finished.Count > retention.MaxRequests || head.FinishedAt <= oldestKept))
        {
            _finished.Dequeue();
            // Only that very request: the pair form never removes another request under the same id.
            _byChannel.TryRemove(new KeyValuePair<string, RiverRequest>(head.Request.ChannelId, head.Request));
        }
    }
}
