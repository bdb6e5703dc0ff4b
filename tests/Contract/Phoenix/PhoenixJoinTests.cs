using FakeRiver;
using Microsoft.Extensions.DependencyInjection;

namespace Contract.Phoenix;

public class PhoenixJoinTests
{
    [Theory]
    [InlineData("rooms:lobby", "invalid_channel_format")]
    [InlineData("ai_response", "invalid_channel_format")]
    [InlineData("ai_response:{P}:{C}:extra", "invalid_channel_format")]
    [InlineData("AI_RESPONSE:{P}:{C}", "invalid_channel_format")]
    [InlineData("ai_response:not-a-uuid:{C}", "invalid_project_uuid")]
    [InlineData("ai_response::{C}", "invalid_project_uuid")]
    [InlineData("ai_response:{P}:not-a-uuid", "invalid_channel_uuid")]
    [InlineData("ai_response:not-a-uuid", "invalid_channel_uuid")]
    [InlineData("ai_response:{OTHER}:{C}", "unauthorized_project_access")]
    [InlineData("ai_response:{P}:{OTHER}", "unauthorized_project_access")]
    [InlineData("ai_response:{OTHER}", "unauthorized_project_access")]
    public async Task Join_BadTopic_ErrorReplyWithReason(string template, string reason)
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;
        var topic = template.Replace("{P}", request.ProjectId, StringComparison.Ordinal)
            .Replace("{C}", request.ChannelId, StringComparison.Ordinal)
            .Replace("{OTHER}", host.NewUuid(), StringComparison.Ordinal);

        var reply = await client.JoinAsync(topic, joinRef: "3");

        Assert.Equal(("3", "3", topic, "phx_reply"), (reply.JoinRef, reply.Ref, reply.Topic, reply.Event));
        Assert.Equal("error", reply.Status);
        Assert.Equal(reason, reply.Reason);
    }

    [Fact]
    public async Task Join_TokenForUnregisteredChannel_UnauthorizedProjectAccess()
    {
        await using var host = new PhoenixHost();
        var channelId = host.NewUuid();
        var token = host.Service<FakeRiver.Requests.WsTokenStore>().Issue(host.ProjectId, channelId).Token;
        using var client = await host.ConnectAsync(token);

        var reply = await client.JoinAsync($"ai_response:{host.ProjectId}:{channelId}");

        Assert.Equal("unauthorized_project_access", reply.Reason);
    }

    [Fact]
    public async Task Join_OwnTopic_OkReplyWithEmptyResponse()
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;

        var reply = await client.JoinAsync(request.Topic, joinRef: "3");

        Assert.Equal(("3", "3", "phx_reply", "ok"), (reply.JoinRef, reply.Ref, reply.Event, reply.Status));
        Assert.Equal("{}", reply.Payload["response"]!.ToJsonString());
    }

    [Fact]
    public async Task Join_UppercaseIds_Ok()
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;

        var reply = await client.JoinAsync(request.Topic.ToUpperInvariant().Replace("AI_RESPONSE", "ai_response", StringComparison.Ordinal));

        Assert.Equal("ok", reply.Status);
    }

    [Fact]
    public async Task Join_ChannelOnlyAlias_OkAndStreams()
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;
        var topic = $"ai_response:{request.ChannelId}";

        var reply = await client.JoinAsync(topic);
        request.Log.AppendToken("hi", 1, "sim", "m");
        var push = await client.ReceiveFrameAsync();

        Assert.Equal("ok", reply.Status);
        Assert.Equal((topic, "tokens"), (push.Topic, push.Event));
    }

    [Fact]
    public async Task Join_ChannelOnlyAliasDisabled_InvalidChannelFormat()
    {
        await using var host = new PhoenixHost(s => s.Configure<FakeRiverOptions>(o => o.AcceptChannelOnlyTopic = false));
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;

        var reply = await client.JoinAsync($"ai_response:{request.ChannelId}");

        Assert.Equal("invalid_channel_format", reply.Reason);
    }

    [Fact]
    public async Task Join_AfterRefusal_RetrySameSocketSucceeds()
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;

        var refused = await client.JoinAsync("ai_response:bad", joinRef: "1");
        var accepted = await client.JoinAsync(request.Topic, joinRef: "2");

        Assert.Equal("error", refused.Status);
        Assert.Equal("ok", accepted.Status);
    }
}
