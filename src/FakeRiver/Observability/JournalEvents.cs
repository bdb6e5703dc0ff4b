using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace FakeRiver.Observability;

/// <summary>Publishes callbacks and socket joins/closes (the journals' writers call these; webhook attempts: Webhooks/WebhookEvents.cs).</summary>
public static class JournalEvents
{
    /// <summary>Publishes a received callback and FakeRiver's answer.</summary>
    public static void Callback(this RiverEventFeed feed, string channelId, int status, string? body) =>
        feed.Publish(RiverEventKinds.Callback, channelId, new JsonObject
        {
            ["status_code"] = status,
            ["body"] = body is null ? null : JsonNode.Parse(body),
        });

    /// <summary>Socket journal entries the timeline shows: joins (with the <c>last_seq</c> a rejoin replays after), refusals and closes.</summary>
    public static void Socket(this RiverEventFeed feed, string? socketId, string journalKind, string? channelId, string? topic, string? detail)
    {
        if (channelId is null) return;
        switch (journalKind)
        {
            case "joined":
                feed.Publish(RiverEventKinds.Join, channelId, new JsonObject
                {
                    ["socket_id"] = socketId,
                    ["topic"] = topic,
                    ["last_seq"] = ParseLastSeq(detail),
                    ["ok"] = true,
                });
                break;
            case "join_refused":
                feed.Publish(RiverEventKinds.Join, channelId, new JsonObject
                {
                    ["socket_id"] = socketId,
                    ["topic"] = topic,
                    ["ok"] = false,
                    ["reason"] = detail,
                });
                break;
            case "closed":
                feed.Publish(RiverEventKinds.Close, channelId, new JsonObject
                {
                    ["socket_id"] = socketId,
                    ["code"] = Enum.TryParse<WebSocketCloseStatus>(detail, out var code) ? (int)code : null,
                    ["detail"] = detail,
                });
                break;
        }
    }

    private static long? ParseLastSeq(string? detail) =>
        detail is not null && detail.StartsWith("last_seq=", StringComparison.Ordinal)
        && long.TryParse(detail.AsSpan(9), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : null;
}
