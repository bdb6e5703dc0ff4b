namespace FakeRiver.Cluster;

/// <summary>
/// The project of each channel whose events this node adopted from another node (learnt from its <c>accepted</c>
/// event), so a project's reset forgets them from this node's feed too: they are not in this node's registry, where a
/// reset finds the project's channels otherwise. Bounded like the feed's retention; the oldest are forgotten first.
/// </summary>
internal sealed class AdoptedChannels(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _projects = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public void Remember(string channelId, string projectId)
    {
        lock (_gate)
        {
            if (!_projects.TryAdd(channelId, projectId)) return;
            _order.Enqueue(channelId);
            if (_order.Count > capacity) _projects.Remove(_order.Dequeue());
        }
    }

    /// <summary>The project's channels, forgotten here as they are handed out.</summary>
    public IReadOnlySet<string> Take(string projectId)
    {
        lock (_gate)
        {
            var taken = _projects.Where(p => p.Value == projectId).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var channelId in taken) _projects.Remove(channelId);
            var kept = _order.Where(_projects.ContainsKey).ToList();
            _order.Clear();
            foreach (var channelId in kept) _order.Enqueue(channelId);
            return taken;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _projects.Clear();
            _order.Clear();
        }
    }
}
