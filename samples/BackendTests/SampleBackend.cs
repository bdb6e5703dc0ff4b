using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackendTests;

/// <summary>
/// A tiny chat backend shaped like the public Node example, the code under test: <c>POST /chat</c> starts an async
/// request and hands the browser its connection fields; <c>POST /webhooks/modelriver</c> checks the signature and,
/// for an event-driven request, enriches the data and calls back before answering the webhook.
/// </summary>
public static class SampleBackend
{
    public static async Task<WebApplication> StartInMemoryAsync(BackendSettings settings, HttpMessageHandler riverHandler)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(new HttpClient(riverHandler, disposeHandler: false) { BaseAddress = settings.RiverUrl });
        var app = builder.Build();
        app.MapPost("/chat", ChatAsync);
        app.MapPost("/webhooks/modelriver", WebhookAsync);
        await app.StartAsync();
        return app;
    }

    private static async Task<IResult> ChatAsync(JsonObject body, BackendSettings settings, HttpClient river)
    {
        if (body["message"]?.GetValue<string>() is not { Length: > 0 } message)
            return Results.BadRequest(new { error = "message is required" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/ai/async")
        {
            Content = JsonContent.Create(new
            {
                workflow = settings.Workflow,
                messages = new[] { new { role = "user", content = message } },
                webhook_url = new Uri(settings.PublicUrl, "webhooks/modelriver").ToString(),
            }),
        };
        request.Headers.Authorization = new("Bearer", settings.ApiKey);
        using var response = await river.SendAsync(request);
        var started = await response.Content.ReadFromJsonAsync<JsonObject>();
        if (!response.IsSuccessStatusCode || started is null) return Results.Json(new { error = "gateway refused" }, statusCode: 502);
        return Results.Json(new JsonObject
        {
            ["channel_id"] = started["channel_id"]?.DeepClone(),
            ["ws_token"] = started["ws_token"]?.DeepClone(),
            ["websocket_url"] = started["websocket_url"]?.DeepClone(),
            ["websocket_channel"] = started["websocket_channel"]?.DeepClone(),
            ["project_id"] = started["project_id"]?.DeepClone(),
        });
    }

    private static async Task<IResult> WebhookAsync(HttpRequest http, BackendSettings settings, HttpClient river)
    {
        using var reader = new StreamReader(http.Body);
        using var document = JsonDocument.Parse(await reader.ReadToEndAsync());
        var root = document.RootElement;
        if (!root.TryGetProperty("data", out var data)
            || !WebhookSignature.IsValid(settings.WebhookSecret, http.Headers["X-ModelRiver-Timestamp"], http.Headers["X-ModelRiver-Signature"], data.GetRawText()))
            return Results.Json(new { error = "invalid signature" }, statusCode: StatusCodes.Status401Unauthorized);

        if (root.GetProperty("type").GetString() != "task.ai_generated") return Results.Ok(new { received = true });
        // Event-driven: save, enrich, call back; the webhook is answered once the callback went through.
        var channelId = root.GetProperty("channel_id").GetString()!;
        var enriched = JsonNode.Parse(data.GetRawText())!.AsObject();
        enriched["record_id"] = $"rec_{channelId}";
        using var callback = new HttpRequestMessage(HttpMethod.Post, root.GetProperty("callback_url").GetString())
        {
            Content = JsonContent.Create(new JsonObject { ["data"] = enriched, ["task_id"] = $"task_{channelId}" }),
        };
        callback.Headers.Authorization = new("Bearer", settings.ApiKey);
        using var answer = await river.SendAsync(callback);
        return answer.IsSuccessStatusCode ? Results.Ok(new { received = true }) : Results.StatusCode(StatusCodes.Status502BadGateway);
    }
}
