using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ModelRiver.Wire.Json;

namespace Contract.ChatBackend.Infrastructure;

/// <summary>Builds and signs webhook deliveries the way ModelRiver does (signature over ts + "." + JSON.stringify(data)).</summary>
public static class SignedWebhooks
{
    public const string Timestamp = "1767607200";

    /// <summary>An event-driven <c>task.ai_generated</c> body for <paramref name="channelId"/>, with <c>data</c> copied from <c>ai_response.data</c>.</summary>
    public static JsonObject EventDriven(string channelId, JsonObject? output = null)
    {
        output ??= new JsonObject { ["reply"] = "Hi!", ["summary"] = "greeting" };
        return new JsonObject
        {
            ["type"] = "task.ai_generated",
            ["event"] = "webhook_received",
            ["channel_id"] = channelId,
            ["ai_response"] = new JsonObject { ["data"] = output.DeepClone() },
            ["callback_url"] = $"http://127.0.0.1:5080/v1/callback/{channelId}",
            ["callback_required"] = true,
            ["meta"] = new JsonObject { ["usage"] = new JsonObject { ["prompt_tokens"] = 3, ["completion_tokens"] = 5, ["total_tokens"] = 8 } },
            ["customer_data"] = new JsonObject(),
            ["timestamp"] = "2026-01-05T10:00:00.000Z",
            ["data"] = output.DeepClone(),
        };
    }

    /// <summary>A standard <c>task.completed</c> body whose data is an OpenAI-style completion (no callback URL).</summary>
    public static JsonObject Completed(string channelId, string text) => new()
    {
        ["type"] = "task.completed",
        ["workflow"] = "mr_chatbot_workflow",
        ["status"] = "success",
        ["channel_id"] = channelId,
        ["data"] = new JsonObject
        {
            ["choices"] = new JsonArray(new JsonObject { ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text } }),
        },
        ["meta"] = new JsonObject(),
        ["timestamp"] = "2026-01-05T10:00:00.000Z",
    };

    /// <summary>The signature ModelRiver sends: lowercase hex HMAC-SHA256 over ts + "." + JSON.stringify(body.data).</summary>
    public static string Sign(string secret, string timestamp, string signedText) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + signedText)));

    /// <summary>A POST of <paramref name="body"/> signed over its data with <paramref name="secret"/>.</summary>
    public static HttpRequestMessage Signed(JsonObject body, string secret = BackendSettings.Secret, string path = "/webhook/modelriver", string timestamp = Timestamp)
    {
        var text = body.ToJsonString();
        var signature = Sign(secret, timestamp, JsJson.Stringify(body["data"]));
        return Request(text, signature, timestamp, path);
    }

    /// <summary>A POST of raw <paramref name="text"/> with the given headers (null = header absent).</summary>
    public static HttpRequestMessage Request(string text, string? signature, string? timestamp, string path = "/webhook/modelriver")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.Add("X-ModelRiver-Signature", signature);
        if (timestamp is not null) request.Headers.Add("X-ModelRiver-Timestamp", timestamp);
        return request;
    }

    public static string UnixSeconds(DateTimeOffset instant) => instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
