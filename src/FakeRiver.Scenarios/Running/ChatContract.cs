using System.Text.Json.Nodes;

namespace FakeRiver.Scenarios.Running;

/// <summary>
/// How the browser talks to a backend: the chat route and where the connection fields sit in its answer.
/// The defaults match the public example (<c>POST /chat {message}</c> answering channel_id, ws_token, websocket_url,
/// websocket_channel, project_id); a backend that names them differently is mapped back to these names, so the
/// browser, the contract checks and the transcript always see the example's shape.
/// </summary>
public sealed record ChatContract(string Route, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The fields a chat answer carries, by their public-example names.</summary>
    public static readonly IReadOnlyList<string> FieldNames = ["channel_id", "ws_token", "websocket_url", "websocket_channel", "project_id"];

    /// <summary>The public example's contract: <c>POST /chat</c>, fields under their own names.</summary>
    public static ChatContract Default { get; } = new("chat", new Dictionary<string, string>());

    /// <summary>Parses <c>--chat-route</c> and <c>--chat-field-map ours=theirs,...</c>; null plus the reason when wrong.</summary>
    public static (ChatContract? Contract, string? Error) Parse(string? route, string? fieldMap)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (fieldMap ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[1].Length == 0 || !FieldNames.Contains(parts[0]))
                return (null, $"--chat-field-map expects <field>=<their name> pairs with a field among {string.Join(", ", FieldNames)}, got '{pair}'");
            fields[parts[0]] = parts[1];
        }
        return (new ChatContract((route ?? "chat").TrimStart('/'), fields), null);
    }

    /// <summary>The answer with every mapped field renamed to the example's name (unchanged when nothing is mapped).</summary>
    public JsonNode? Canonical(JsonNode? answer)
    {
        if (Fields.Count == 0 || answer is not JsonObject json) return answer;
        var copy = (JsonObject)json.DeepClone();
        foreach (var (ours, theirs) in Fields)
        {
            if (!copy.Remove(theirs, out var value)) continue;
            copy[ours] = value;
        }
        return copy;
    }
}
