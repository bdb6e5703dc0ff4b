using System.Text.Json.Nodes;
using FakeRiver.Testing;

namespace FakeRiver.Scenarios.Running;

/// <summary>Everything the runner's browser sent and saw, in order. Written by the browser task only.</summary>
internal sealed class BrowserRecord
{
    public DateTimeOffset StartedAt { get; set; }

    public int ChatStatus { get; set; }

    public JsonNode? ChatBody { get; set; }

    public int? ReconnectStatus { get; set; }

    public JsonNode? ReconnectBody { get; set; }

    public int? TokenReuseStatus { get; set; }

    public List<BrowserConnection> Connections { get; } = [];

    public List<(int Connection, PhoenixMessage Message)> Frames { get; } = [];

    public List<string> Errors { get; } = [];

    /// <summary>Every exchange of the sync step, in order.</summary>
    public List<SyncExchange> Sync { get; } = [];

    public IEnumerable<(int Connection, PhoenixMessage Message)> Events(string @event) =>
        Frames.Where(f => f.Message.Event == @event);
}
