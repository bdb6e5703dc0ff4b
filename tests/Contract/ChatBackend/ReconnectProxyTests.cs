using System.Net;
using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;

namespace Contract.ChatBackend;

/// <summary>ChatBackend's <c>POST /api/v1/ai/reconnect</c>: the browser asks without a key, the backend asks FakeRiver with its own.</summary>
public sealed class ReconnectProxyTests
{
    [Fact]
    public async Task Reconnect_KnownChannel_FreshTokenFromTheGatewayWithTheConnectionFields()
    {
        await using var host = HarnessHost.Start(new HarnessOptions { WorkflowYaml = TestWorkflows.Paced });
        using var browser = host.BackendClient();
        var (_, chat) = await AsyncApi.PostAsync(browser, "/chat", AsyncApi.Json(new JsonObject { ["message"] = "Hi" }));
        var channelId = chat["channel_id"]!.GetValue<string>();

        var (response, body) = await AsyncApi.PostAsync(browser, "/api/v1/ai/reconnect", AsyncApi.Json(new JsonObject { ["channel_id"] = channelId }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(channelId, body["channel_id"]!.GetValue<string>());
        Assert.Equal(chat["websocket_channel"]!.GetValue<string>(), body["websocket_channel"]!.GetValue<string>());
        Assert.NotEqual(chat["ws_token"]!.GetValue<string>(), body["ws_token"]!.GetValue<string>());
        Assert.Equal(["channel_id", "ws_token", "websocket_url", "websocket_channel", "project_id"], body.Select(p => p.Key));
    }

    [Fact]
    public async Task Reconnect_UnknownChannel_PassesTheGateways404Through()
    {
        await using var host = HarnessHost.Start(new HarnessOptions { WorkflowYaml = TestWorkflows.Paced });
        using var browser = host.BackendClient();
        var (response, body) = await AsyncApi.PostAsync(browser, "/api/v1/ai/reconnect",
            AsyncApi.Json(new JsonObject { ["channel_id"] = "00000000-0000-4000-8000-000000000000" }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not found", body.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"channel_id\":42}")]
    [InlineData("{\"channel_id\":\"\"}")]
    public async Task Reconnect_NoChannelId_400WithoutCallingTheGateway(string json)
    {
        await using var host = HarnessHost.Start(new HarnessOptions { WorkflowYaml = TestWorkflows.Paced });
        using var browser = host.BackendClient();
        var (response, body) = await AsyncApi.PostAsync(browser, "/api/v1/ai/reconnect", AsyncApi.Json(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("channel_id is required", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatPage_Root_ServesTheEmbeddedPageWithItsScript()
    {
        await using var host = HarnessHost.Start(new HarnessOptions { WorkflowYaml = TestWorkflows.Paced });
        using var browser = host.BackendClient();
        using var page = await browser.GetAsync("/");
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"assistant-text\"", html, StringComparison.Ordinal);
        using var script = await browser.GetAsync("/static/chat.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        using var missing = await browser.GetAsync("/static/nope.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
