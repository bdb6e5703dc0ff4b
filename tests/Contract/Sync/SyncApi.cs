using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;

namespace Contract.Sync;

/// <summary>Calls <c>POST /v1/ai</c> on a test host.</summary>
public static class SyncApi
{
    public static JsonObject Body(string workflow = "mr_chatbot_standard", string? format = null)
    {
        var body = AsyncApi.ChatBody(workflow);
        if (format is not null) body["format"] = format;
        return body;
    }

    public static async Task<(HttpResponseMessage Response, JsonObject Body)> PostAsync(HarnessHost host, JsonObject body, string path = "/v1/ai")
    {
        using var client = host.RiverClient();
        return await AsyncApi.PostAsync(client, path, AsyncApi.Json(body));
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "(missing)";
}
