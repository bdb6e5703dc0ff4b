using System.Net;
using System.Text.Json.Nodes;
using Contract.ChatBackend.Infrastructure;

namespace Contract.ChatBackend;

/// <summary>Bad input to /chat is answered with a 4xx JSON error, never a 500 or an unhandled exception.</summary>
public class ChatInputTests
{
    [Theory]
    [InlineData("{\"message\":")]
    [InlineData("not json")]
    [InlineData("""{"message":"a","message":"b"}""")]
    [InlineData("\"just a string\"")]
    [InlineData("""{"message":42}""")]
    [InlineData("""{"message":{"text":"hi"}}""")]
    [InlineData("""{"message":"hi","conversationId":7}""")]
    [InlineData("""{"message":"hi","workflow":["a"]}""")]
    [InlineData("""{"message":"hi","events":"webhook_received"}""")]
    [InlineData("""{"message":"hi","events":[1,2]}""")]
    public async Task Chat_MalformedOrWrongTypedBody_Returns400Json(string body)
    {
        await using var host = BackendHost.Create();

        using var response = await host.Client.PostJsonAsync("/chat", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.IsType<string>((string?)(await response.JsonAsync())["error"]);
        Assert.Empty(host.River.Requests);
    }

    [Fact]
    public async Task Chat_BodyOver100kB_Returns413Json()
    {
        await using var host = BackendHost.Create();
        var body = new JsonObject { ["message"] = new string('x', 100 * 1024) }.ToJsonString();

        using var response = await host.Client.PostJsonAsync("/chat", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.IsType<string>((string?)(await response.JsonAsync())["error"]);
        Assert.Empty(host.River.Requests);
    }

    [Fact]
    public async Task Chat_ChunkedBodyOver100kB_Returns413Json()
    {
        await using var host = BackendHost.Create();
        var text = new JsonObject { ["message"] = new string('x', 150 * 1024) }.ToJsonString();
        using var content = new UnsizedContent(text);

        using var response = await host.Client.PostAsync("/chat", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
