using System.Text;
using System.Text.Json.Nodes;

namespace Contract.ChatBackend.Infrastructure;

/// <summary>Small JSON helpers over HttpClient, so tests read as requests and answers.</summary>
public static class Http
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, JsonNode json) =>
        client.PostJsonAsync(path, json.ToJsonString());

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>POSTs /chat with <paramref name="message"/> and returns the channel the fake gateway assigned.</summary>
    public static async Task<string> StartChatAsync(this BackendHost host, string message, string? conversationId = null)
    {
        var body = new JsonObject { ["message"] = message };
        if (conversationId is not null) body["conversationId"] = conversationId;
        using var response = await host.Client.PostJsonAsync("/chat", body);
        response.EnsureSuccessStatusCode();
        return (string)(await response.JsonAsync())["channel_id"]!;
    }
}
