using System.Text.Json.Nodes;

namespace FakeRiver.Scenarios.Running;

/// <summary>One socket the browser opened: how (first join, reconnect, late join), the join reply and the close.</summary>
internal sealed class BrowserConnection(int number, string how)
{
    public int Number { get; } = number;

    public string How { get; } = how;

    public JsonObject? JoinReply { get; set; }

    /// <summary>The server's close code, or null when the browser dropped the socket itself.</summary>
    public int? CloseStatus { get; set; }

    public bool Dropped { get; set; }
}
