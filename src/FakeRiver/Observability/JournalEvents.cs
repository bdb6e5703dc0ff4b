using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using FakeRiver.Webhooks;

namespace FakeRiver.Observability;

/// <summary>Publishes webhook attempts, callbacks and socket joins/closes (the journals' writers call these).</summary>
public static class JournalEvents
{
    /// <summary>Signature headers shown on the dashboard: the ones a receiver verifies, not the body.</summary>
    private static readonly HashSet<string> ShownHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        WebhookSigner.SignatureHeader, WebhookSigner.TimestampHeader, WebhookSigner.WebhookIdHeader,
        WebhookSigner.DocsSignatureHeader, WebhookSigner.DocsTimestampHeader, WebhookSigner.CallbackUrlHeader,
    };

    public static void WebhookAttempt(this RiverEventFeed feed, WebhookDelivery delivery, WebhookAttempt attempt,
        IEnumerable<KeyValuePair<string, string>> headers)
    {
        var shown = new JsonObject();
        foreach (var (name, value) in headers)
        {
            if (ShownHeaders.Contains(name)) shown[name] = value;
        }
        feed.Publish(RiverEventKinds.Webhook, delivery.ChannelId, new JsonObject
        {
            ["delivery_id"] = delivery.Id,
            ["type"] = delivery.Type,
            ["url"] = delivery.Url,
            ["attempt"] = attempt.Number,
            ["status_code"] = attempt.StatusCode,
            ["error"] = attempt.Error,
            ["duration_ms"] = Math.Round(attempt.DurationMs, 1),
            ["succeeded"] = attempt.Succeeded,
            ["headers"] = shown,
        });
    }

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
                    ["socket_id"] = socketId, ["topic"] = topic, ["ok"] = false, ["reason"] = detail,
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
