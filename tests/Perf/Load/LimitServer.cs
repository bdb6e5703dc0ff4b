using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver;
using FakeRiver.Phoenix;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Perf.Load;


/// <summary>
/// The physical limit for this stack (docs/ARCHITECTURE.md 6): a bare Kestrel WebSocket endpoint that answers the join and then
/// pushes the same Phoenix v2 <c>tokens</c> frames FakeRiver pushes (same payload fields, serializer and encoder),
/// on the same schedule (first token after P ms, then one every P ms, as absolute due times on the same
/// TimeProvider), then a final response, phx_close and close 1000. No registry, pipeline, channel log or backend.
/// </summary>
public static class LimitServer
{
    public static async Task<WebApplication> StartAsync(int tokens, int paceMs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/socket/websocket", (HttpContext context) => ServeAsync(context, tokens, paceMs));
        await app.StartAsync();
        return app;
    }

    private static async Task ServeAsync(HttpContext context, int tokens, int paceMs)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var ct = context.RequestAborted;
        var join = await ReceiveJoinAsync(socket, ct);
        if (join is null) return;

        var buffer = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(buffer, PhoenixEncoder.WriterOptions);
        await SendAsync(socket, writer, buffer, join with { Event = "phx_reply", Payload = PhoenixPayloads.OkEmpty }, ct);

        var channelId = context.Request.Query["token"].ToString();
        // Warm-up streams ask for fewer tokens (see LimitSession); measured ones get the level's M.
        if (int.TryParse(context.Request.Query["tokens"], System.Globalization.CultureInfo.InvariantCulture, out var asked) && asked > 0) tokens = asked;
        var time = TimeProvider.System;
        var started = time.GetUtcNow();
        var pace = TimeSpan.FromMilliseconds(paceMs);
        for (var k = 0; k < tokens; k++)
        {
            await time.DelayUntilAsync(started + pace + pace * k, ct);
            var payload = new JsonObject
            {
                ["channel_id"] = channelId,
                ["seq"] = k + 1L,
                ["delta"] = " lorem",
                ["attempt"] = 1,
                ["provider"] = "openai",
                ["model"] = "gpt-4o-mini",
            };
            await SendAsync(socket, writer, buffer, Push(join.Topic, "tokens", payload), ct);
        }
        await SendAsync(socket, writer, buffer, Push(join.Topic, "response", new JsonObject { ["status"] = "success", ["channel_id"] = channelId }), ct);
        await SendAsync(socket, writer, buffer, Push(join.Topic, "phx_close", []), ct);
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(ct);
        grace.CancelAfter(TimeSpan.FromSeconds(5));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, grace.Token);
    }

    private static PhoenixFrame Push(string topic, string @event, JsonObject payload) =>
        new("1", null, topic, @event, JsonSerializer.SerializeToUtf8Bytes(payload, WireJson.Options));

    private static async Task<PhoenixFrame?> ReceiveJoinAsync(WebSocket socket, CancellationToken ct)
    {
        var bytes = new byte[4096];
        var result = await socket.ReceiveAsync(bytes, ct);
        if (result.MessageType != WebSocketMessageType.Text || !result.EndOfMessage) return null;
        var decoded = PhoenixDecoder.Decode(bytes.AsSpan(0, result.Count), PhoenixVersion.V2);
        return decoded.IsSuccess && decoded.Frame!.Event == "phx_join" ? decoded.Frame : null;
    }

    private static async Task SendAsync(WebSocket socket, Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, PhoenixFrame frame, CancellationToken ct)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        PhoenixEncoder.Write(writer, frame, PhoenixVersion.V2);
        await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, ct);
    }
}
