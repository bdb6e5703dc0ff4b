using System.Collections.Concurrent;

namespace FakeRiver.Requests;

/// <summary>Every request FakeRiver has accepted, by channel id. Thread-safe; cleared by the admin reset.</summary>
internal sealed class RequestRegistry
{
    private readonly ConcurrentDictionary<string, RiverRequest> _byChannel = new(StringComparer.Ordinal);

    public void Add(RiverRequest request)
    {
        if (!_byChannel.TryAdd(request.ChannelId, request))
        {
            throw new InvalidOperationException($"Channel {request.ChannelId} is already registered.");
        }
    }

    public bool TryGet(string channelId, out RiverRequest request) => _byChannel.TryGetValue(channelId, out request!);

    /// <summary>A snapshot, oldest first.</summary>
    public IReadOnlyList<RiverRequest> All() => [.. _byChannel.Values.OrderBy(r => r.CreatedAt).ThenBy(r => r.ChannelId, StringComparer.Ordinal)];

    public void Clear() => _byChannel.Clear();

    /// <summary>Forgets one project's requests (a project-scoped admin reset).</summary>
    public void RemoveProject(string projectId)
    {
        foreach (var request in _byChannel.Values.Where(r => r.ProjectId == projectId)) _byChannel.TryRemove(request.ChannelId, out _);
    }
}
