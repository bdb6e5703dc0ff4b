using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace Contract.Phoenix;

public class PhoenixSocketTests
{
    [Fact]
    public async Task Heartbeat_PhoenixTopic_OkReplyWithSameRefs()
    {
        await using var host = new PhoenixHost();
        var (_, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;

        await client.SendAsync(null, "7", "phoenix", "heartbeat");
        var reply = await client.ReceiveFrameAsync();

        Assert.Equal((null, "7", "phoenix", "phx_reply", "ok"), (reply.JoinRef, reply.Ref, reply.Topic, reply.Event, reply.Status));
    }

    [Fact]
    public async Task Heartbeat_JoinedChannel_OkReply()
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;
        await client.JoinAsync(request.Topic, joinRef: "3");

        await client.SendAsync("3", "8", request.Topic, "heartbeat");
        var reply = await client.ReceiveFrameAsync();

        Assert.Equal(("3", "8", request.Topic, "phx_reply", "ok"), (reply.JoinRef, reply.Ref, reply.Topic, reply.Event, reply.Status));
    }

    [Theory]
    [InlineData("heartbeat")]
    [InlineData("phx_leave")]
    [InlineData("custom_event")]
    public async Task Event_TopicNotJoined_UnmatchedTopicError(string evt)
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;

        await client.SendAsync("3", "4", request.Topic, evt);
        var reply = await client.ReceiveFrameAsync();

        Assert.Equal(("3", "4", "phx_reply", "error", "unmatched topic"), (reply.JoinRef, reply.Ref, reply.Event, reply.Status, reply.Reason));
    }

    [Fact]
    public async Task Leave_JoinedTopic_OkReplyThenPhxCloseAndNoMorePushes()
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;
        await client.JoinAsync(request.Topic, joinRef: "3");

        await client.SendAsync("3", "9", request.Topic, "phx_leave");
        var reply = await client.ReceiveFrameAsync();
        var close = await client.ReceiveFrameAsync();
        request.Log.AppendToken("ignored", 1, "sim", "m");
        await client.SendAsync(null, "10", "phoenix", "heartbeat");
        var next = await client.ReceiveFrameAsync();

        Assert.Equal(("3", "9", "phx_reply", "ok"), (reply.JoinRef, reply.Ref, reply.Event, reply.Status));
        Assert.Equal(("3", "3", request.Topic, "phx_close", "{}"), (close.JoinRef, close.Ref, close.Topic, close.Event, close.Payload.ToJsonString()));
        Assert.Equal(("10", "phx_reply"), (next.Ref, next.Event));
        Assert.Equal(WebSocketState.Open, client.Socket.State);
    }

    [Fact]
    public async Task Join_LateJoin_GetsBufferedTokensThenLatestResponse()
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;
        request.Log.AppendToken("a", 1, "sim", "m");
        request.Log.AppendToken("b", 1, "sim", "m");
        request.Log.PublishResponse(PhoenixHost.Response("ai_generated"), isFinal: false);

        await client.JoinAsync(request.Topic, joinRef: "3");
        var first = await client.ReceiveFrameAsync();
        var second = await client.ReceiveFrameAsync();
        var response = await client.ReceiveFrameAsync();

        Assert.Equal(("3", null, "tokens", 1L, "a"), (first.JoinRef, first.Ref, first.Event, first.Payload["seq"]!.GetValue<long>(), first.Payload["delta"]!.GetValue<string>()));
        Assert.Equal((2L, "b"), (second.Payload["seq"]!.GetValue<long>(), second.Payload["delta"]!.GetValue<string>()));
        Assert.Equal(("response", "ai_generated"), (response.Event, response.Status));
    }

    [Fact]
    public async Task Join_LastSeq_SkipsTokensUpToIt()
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;
        foreach (var delta in new[] { "a", "b", "c" }) request.Log.AppendToken(delta, 1, "sim", "m");

        await client.JoinAsync(request.Topic, payloadJson: """{"last_seq":2}""");
        var push = await client.ReceiveFrameAsync();
        request.Log.AppendToken("d", 1, "sim", "m");
        var live = await client.ReceiveFrameAsync();

        Assert.Equal((3L, "c"), (push.Payload["seq"]!.GetValue<long>(), push.Payload["delta"]!.GetValue<string>()));
        Assert.Equal((4L, "d"), (live.Payload["seq"]!.GetValue<long>(), live.Payload["delta"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Stream_FinalResponse_PhxCloseThenClose1000()
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;
        await client.JoinAsync(request.Topic, joinRef: "3");

        request.Log.PublishResponse(PhoenixHost.Response("success"), isFinal: true);
        var (frames, close) = await client.ReceiveUntilCloseAsync();

        Assert.Equal(["response", "phx_close"], frames.Select(f => f.Event));
        Assert.Equal(("3", "3"), (frames[1].JoinRef, frames[1].Ref));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, close);
        var closed = await host.Journal.WaitForAsync(e => e.Kind == "closed").WaitAsync(PhoenixTestClient.Cap);
        Assert.Equal(nameof(WebSocketCloseStatus.NormalClosure), closed.Detail);
    }

    [Fact]
    public async Task Join_AfterFinal_ReplaysFinalResponseThenCloses()
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;
        request.Log.AppendToken("x", 1, "sim", "m");
        request.Log.PublishResponse(PhoenixHost.Response("success"), isFinal: true);

        var reply = await client.JoinAsync(request.Topic);
        var (frames, close) = await client.ReceiveUntilCloseAsync();

        Assert.Equal("ok", reply.Status);
        Assert.Equal(["tokens", "response", "phx_close"], frames.Select(f => f.Event));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, close);
    }

    [Fact]
    public async Task Stream_LiveDeltas_ConcatenateToCommittedText()
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;
        await client.JoinAsync(request.Topic);

        var producer = Task.Run(() =>
        {
            foreach (var delta in new[] { "Hel", "lo", ", ", "wörld ", "😀", "\"quoted\"\n" }) request.Log.AppendToken(delta, 1, "sim", "m");
            request.Log.PublishResponse(PhoenixHost.Response("success"), isFinal: true);
        });
        var (frames, _) = await client.ReceiveUntilCloseAsync();
        await producer;

        var tokens = frames.Where(f => f.Event == "tokens").ToList();
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), tokens.Select(t => t.Payload["seq"]!.GetValue<long>()));
        Assert.Equal(request.Log.CommittedText, string.Concat(tokens.Select(t => t.Payload["delta"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Reconnect_FreshTokenWithLastSeq_DeltasConcatenateWithoutGapOrDuplicate()
    {
        await using var host = new PhoenixHost();
        var (request, first) = await host.ConnectToNewRequestAsync();
        await first.JoinAsync(request.Topic);
        request.Log.AppendToken("one ", 1, "sim", "m");
        request.Log.AppendToken("two ", 1, "sim", "m");
        var seen = new List<ReceivedFrame> { await first.ReceiveFrameAsync(), await first.ReceiveFrameAsync() };
        first.Socket.Abort();
        first.Dispose();
        request.Log.AppendToken("three", 1, "sim", "m");
        request.Log.PublishResponse(PhoenixHost.Response("success"), isFinal: true);

        using var second = await host.ConnectAsync(host.IssueToken(request));
        await second.JoinAsync(request.Topic, payloadJson: """{"last_seq":2}""");
        var (frames, close) = await second.ReceiveUntilCloseAsync();

        var deltas = seen.Concat(frames).Where(f => f.Event == "tokens").Select(f => f.Payload["delta"]!.GetValue<string>());
        Assert.Equal(request.Log.CommittedText, string.Concat(deltas));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, close);
    }

    [Fact]
    public async Task Disconnect_ClientAborts_ServerCleansUpAndKeepsServing()
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync();
        await client.JoinAsync(request.Topic);
        client.Socket.Abort();
        client.Dispose();

        await host.Journal.WaitForAsync(e => e.Kind == "closed").WaitAsync(PhoenixTestClient.Cap);
        request.Log.AppendToken("after", 1, "sim", "m");
        using var again = await host.ConnectAsync(host.IssueToken(request));
        await again.JoinAsync(request.Topic);
        var push = await again.ReceiveFrameAsync();

        Assert.Equal("after", push.Payload["delta"]!.GetValue<string>());
    }

    [Fact]
    public async Task Close_ClientClosesFirst_ServerEchoesClose()
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;
        await client.JoinAsync(request.Topic);

        await client.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).WaitAsync(PhoenixTestClient.Cap);

        Assert.Equal(WebSocketState.Closed, client.Socket.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.Socket.CloseStatus);
    }

    [Fact]
    public async Task Idle_NoMessageFor60Seconds_ClosedWith1000()
    {
        await using var host = new PhoenixHost();
        var (_, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;
        await client.SendAsync(null, "1", "phoenix", "heartbeat");
        await client.ReceiveFrameAsync();

        host.Time.Advance(TimeSpan.FromSeconds(61));
        var close = await client.ReceiveCloseAsync();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, close);
    }

    [Fact]
    public async Task Close_PeerNeverAnswersServerClose_AbortedAfterGrace()
    {
        await using var host = new PhoenixHost();
        var (_, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;
        await client.SendTextAsync("garbage");
        var (_, close) = await client.ReceiveAsync();

        host.Time.Advance(TimeSpan.FromSeconds(5));
        var closed = await host.Journal.WaitForAsync(e => e.Kind == "closed").WaitAsync(PhoenixTestClient.Cap);

        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, close);
        Assert.Equal(nameof(WebSocketCloseStatus.InvalidPayloadData), closed.Detail);
    }

    [Fact]
    public async Task V1_VsnAbsent_SpeaksObjectFrames()
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync(vsn: null);
        using var _ = client;

        await client.SendTextAsync(new JsonObject { ["topic"] = request.Topic, ["event"] = "phx_join", ["payload"] = new JsonObject(), ["ref"] = "1" }.ToJsonString());
        var (joinText, _) = await client.ReceiveAsync();
        request.Log.PublishResponse(PhoenixHost.Response("success"), isFinal: true);
        var (pushText, _) = await client.ReceiveAsync();

        var join = Assert.IsType<JsonObject>(JsonNode.Parse(joinText!));
        Assert.Equal("phx_reply", join["event"]!.GetValue<string>());
        Assert.Equal("1", join["ref"]!.GetValue<string>());
        Assert.Equal("ok", join["payload"]!["status"]!.GetValue<string>());
        var push = Assert.IsType<JsonObject>(JsonNode.Parse(pushText!));
        Assert.Equal(("response", request.Topic), (push["event"]!.GetValue<string>(), push["topic"]!.GetValue<string>()));
        Assert.Null(push["ref"]);
    }
}
