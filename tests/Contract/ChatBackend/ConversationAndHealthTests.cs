using System.Net;
using Contract.ChatBackend.Infrastructure;

namespace Contract.ChatBackend;

public class ConversationAndHealthTests
{
    [Fact]
    public async Task Conversation_Unknown_Returns404()
    {
        await using var host = BackendHost.Create();

        using var response = await host.Client.GetAsync("/conversations/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"error":"Conversation not found"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Conversation_AfterWebhook_ReturnsMessagesAndCreatedAt()
    {
        await using var host = BackendHost.Create();
        var channel = await host.StartChatAsync("Hello", conversationId: "conv-get");
        using var webhook = await host.Client.SendAsync(SignedWebhooks.Signed(SignedWebhooks.EventDriven(channel)));

        using var response = await host.Client.GetAsync("/conversations/conv-get");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(["messages", "createdAt"], body.Select(p => p.Key));
        Assert.Equal("2026-01-05T10:00:00.000Z", (string)body["createdAt"]!);
        var message = body["messages"]![0]!.AsObject();
        Assert.Equal(["id", "prompt", "response", "created_at", "channel_id", "conversation_id", "usage"], message.Select(p => p.Key));
        Assert.Equal(channel, (string)message["channel_id"]!);
    }

    [Fact]
    public async Task Health_Always_ReportsStatusAndConfigWithoutKey()
    {
        await using var host = BackendHost.Create();
        host.Time.Advance(TimeSpan.FromMilliseconds(1234));

        using var response = await host.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """{"status":"ok","timestamp":"2026-01-05T10:00:01.234Z","config":{"modelriver_api_url":"http://127.0.0.1:5080","backend_public_url":"http://localhost:4100","api_key_configured":true}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_NoKeyAndNoPublicUrl_ReportsDefaultsFromPort()
    {
        await using var host = BackendHost.Create(new BackendSettings { ApiKeyValue = "", BackendPublicUrl = "", Port = "4321" });

        using var response = await host.Client.GetAsync("/health");

        var config = (await response.JsonAsync())["config"]!;
        Assert.Equal("http://localhost:4321", (string)config["backend_public_url"]!);
        Assert.False((bool)config["api_key_configured"]!);
    }

    [Fact]
    public async Task Cors_PreflightFromBrowser_AllowsAnyOrigin()
    {
        await using var host = BackendHost.Create();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/chat");
        request.Headers.Add("Origin", "http://localhost:5173");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var response = await host.Client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
