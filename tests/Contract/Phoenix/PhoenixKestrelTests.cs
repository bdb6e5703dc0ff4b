using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using FakeRiver.Requests;
using FakeRiver.Testing;
using FakeRiver.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace Contract.Phoenix;

/// <summary>
/// The same contract over real Kestrel loopback with <see cref="ClientWebSocket"/>: the HTTP 403 must be a real
/// refused upgrade and the close handshake a real one, not just what TestServer's in-memory socket allows.
/// </summary>
public class PhoenixKestrelTests
{
    private static readonly TimeSpan Cap = PhoenixTestClient.Cap;

    [Fact]
    public async Task Kestrel_UsedToken_UpgradeRefusedWithHttp403()
    {
        await using var factory = await FakeRiverServer.StartAsync(o => o.Transport = FakeRiverTransport.Loopback);
        var baseUri = factory.BaseAddress;
        var request = AddRequest(factory);
        var token = factory.Services.GetRequiredService<WsTokenStore>().Issue(request.ProjectId, request.ChannelId).Token;
        using var first = new ClientWebSocket();
        await first.ConnectAsync(SocketUri(baseUri, token), CancellationToken.None).WaitAsync(Cap);

        using var second = new ClientWebSocket();
        second.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => second.ConnectAsync(SocketUri(baseUri, token), CancellationToken.None).WaitAsync(Cap));

        Assert.Equal(HttpStatusCode.Forbidden, second.HttpStatusCode);
    }

    [Fact]
    public async Task Kestrel_JoinThenFinalResponse_FramesThenClose1000()
    {
        await using var factory = await FakeRiverServer.StartAsync(o => o.Transport = FakeRiverTransport.Loopback);
        var baseUri = factory.BaseAddress;
        var request = AddRequest(factory);
        var token = factory.Services.GetRequiredService<WsTokenStore>().Issue(request.ProjectId, request.ChannelId).Token;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(SocketUri(baseUri, token), CancellationToken.None).WaitAsync(Cap);

        await SendAsync(socket, new JsonArray("3", "3", request.Topic, "phx_join", new JsonObject()).ToJsonString());
        var reply = await ReceiveAsync(socket);
        request.Log.AppendToken("hi", 1, "sim", "m");
        request.Log.PublishResponse(new JsonObject { ["status"] = "success" }, isFinal: true);
        var frames = new List<string?> { await ReceiveAsync(socket), await ReceiveAsync(socket), await ReceiveAsync(socket), await ReceiveAsync(socket) };

        Assert.Equal("ok", ReceivedFrame.Parse(reply!).Status);
        Assert.Equal(["tokens", "response", "phx_close"], frames.Take(3).Select(f => ReceivedFrame.Parse(f!).Event));
        Assert.Null(frames[3]);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(Cap);
    }

    private static RiverRequest AddRequest(FakeRiverServer factory)
    {
        var services = factory.Services;
        var request = new RiverRequest(
            services.GetRequiredService<RandomSource>().NewUuid(),
            factory.ProjectId,
            new WorkflowDefinition { Name = "phoenix-test", Providers = [] },
            services.GetRequiredService<TimeProvider>().GetUtcNow())
        { PublicBaseUri = new Uri("http://localhost/") };
        services.GetRequiredService<RequestRegistry>().Add(request);
        return request;
    }

    private static Uri SocketUri(Uri baseUri, string token) =>
        new($"ws://{baseUri.Authority}/socket/websocket?token={Uri.EscapeDataString(token)}&vsn=2.0.0");

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Cap);

    /// <summary>The next text message, or null when the server closed.</summary>
    private static async Task<string?> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Cap);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return Encoding.UTF8.GetString(message.ToArray());
        }
    }
}
