using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Contract.Infrastructure;

namespace Contract.Api;

/// <summary>Small helpers for calling FakeRiver's async API from tests.</summary>
internal static class AsyncApi
{
    public static JsonObject ChatBody(string workflow = "mr_chatbot_workflow", string message = "Hello") => new()
    {
        ["workflow"] = workflow,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = message }),
    };

    public static StringContent Json(JsonNode body) => Json(body.ToJsonString());

    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    public static async Task<(HttpResponseMessage Response, JsonObject Body)> PostAsync(HttpClient client, string path, HttpContent content)
    {
        var response = await client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"Not a JSON object: {text}"));
    }

    public static async Task<(HttpResponseMessage Response, JsonObject Body)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"Not a JSON object: {text}"));
    }

    public static async Task<JsonObject> StartAsync(HarnessHost host, JsonObject? body = null)
    {
        using var client = host.RiverClient();
        var (response, json) = await PostAsync(client, "/v1/ai/async", Json(body ?? ChatBody()));
        Assert.True(response.IsSuccessStatusCode, json.ToJsonString());
        ContractAssert.Valid("async-response", json);
        return json;
    }

    /// <summary>Starts a request on <paramref name="workflow"/> and waits for its final response.</summary>
    public static async Task<FakeRiver.Requests.RiverRequest> StartAndFinishAsync(HarnessHost host, string workflow)
    {
        var started = await StartAsync(host, ChatBody(workflow));
        host.RiverService<FakeRiver.Requests.RequestRegistry>().TryGet(started["channel_id"]!.GetValue<string>(), out var request);
        await request.Log.Finished.WaitAsync(TimeSpan.FromSeconds(10));
        return request;
    }

    public static void AssertEnvelope(JsonObject body, string expectedCode)
    {
        ContractAssert.Valid("error-envelope", body);
        var error = Assert.IsType<JsonObject>(body["error"]);
        Assert.Equal(expectedCode, error["code"]?.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(error["message"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(error["type"]?.GetValue<string>()));
        Assert.True(error.ContainsKey("param"));
        Assert.Equal(error["message"]!.GetValue<string>(), body["message"]?.GetValue<string>());
    }

    public static MediaTypeHeaderValue JsonType => new("application/json");
}
