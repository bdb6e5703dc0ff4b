using System.Text.Json;
using FakeRiver.Requests;

namespace FakeRiver.Dashboard;

/// <summary>
/// One scoped event stream's memo of which project each channel belongs to, so a request's many events cost one
/// directory look-up. An event that names its project (<c>accepted</c>) is taken at its word: it can arrive from
/// another node before the request's shared record is written. Bounded: past <see cref="Capacity"/> channels it
/// starts afresh.
/// </summary>
internal sealed class ChannelProjects(IRequestDirectory directory)
{
    public const int Capacity = 4_096;

    private readonly Dictionary<string, string> _known = new(StringComparer.Ordinal);

    /// <summary>The project of a serialized feed event, or null when no node knows its request (or the store cannot be asked now).</summary>
    public async ValueTask<string?> OfAsync(string eventJson)
    {
        var (channelId, named) = Read(eventJson);
        if (channelId is null) return null;
        if (_known.TryGetValue(channelId, out var project)) return project;
        if (named is null)
        {
            try
            {
                named = (await directory.FindAsync(channelId))?.ProjectId;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The shared store is away: the event is left out of this scoped stream rather than ending it.
                return null;
            }
        }
        // An unknown channel is asked again next time: its record may be written a moment after its first event.
        if (named is null) return null;
        if (_known.Count >= Capacity) _known.Clear();
        _known[channelId] = named;
        return named;
    }

    private static (string? ChannelId, string? ProjectId) Read(string eventJson)
    {
        using var document = JsonDocument.Parse(eventJson);
        var root = document.RootElement;
        return (Text(root, "channel_id"), Text(root, "project_id"));
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
