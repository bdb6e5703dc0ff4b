using System.Net.WebSockets;
using System.Text;
using FakeRiver.Phoenix;
using Microsoft.Extensions.DependencyInjection;

namespace Contract.Phoenix;

public class PhoenixFrameErrorTests
{
    [Theory]
    [InlineData("not json")]
    [InlineData("[\"1\",\"1\",\"t\",\"e\"]")]
    [InlineData("[\"1\",\"1\",\"t\",\"e\",[]]")]
    [InlineData("{\"topic\":\"phoenix\",\"event\":\"heartbeat\",\"payload\":{},\"ref\":\"1\"}")]
    public async Task Receive_UndecodableFrame_Close1007(string text)
    {
        await using var host = new PhoenixHost();
        var (_, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;

        await client.SendTextAsync(text);

        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Receive_BinaryFrame_Close1003()
    {
        await using var host = new PhoenixHost();
        var (_, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;

        await client.Socket.SendAsync("[null,\"1\",\"phoenix\",\"heartbeat\",{}]"u8.ToArray(), WebSocketMessageType.Binary, true, CancellationToken.None);

        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Receive_OversizedFragmentedFrame_Close1009()
    {
        await using var host = new PhoenixHost(s => s.Configure<PhoenixOptions>(o => o.MaxFrameBytes = 1024));
        var (_, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;
        var chunk = Encoding.UTF8.GetBytes(new string(' ', 600));

        await client.Socket.SendAsync(chunk, WebSocketMessageType.Text, false, CancellationToken.None);
        await client.Socket.SendAsync(chunk, WebSocketMessageType.Text, false, CancellationToken.None);
        await client.Socket.SendAsync(chunk, WebSocketMessageType.Text, true, CancellationToken.None);

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Receive_FragmentedJoin_ReassembledAndAnswered()
    {
        await using var host = new PhoenixHost();
        var (request, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;
        var bytes = Encoding.UTF8.GetBytes($"[\"1\",\"1\",\"{request.Topic}\",\"phx_join\",{{\"last_seq\":0}}]");
        var parts = new[] { bytes[..5], bytes[5..40], bytes[40..] };

        for (var i = 0; i < parts.Length; i++)
        {
            await client.Socket.SendAsync(parts[i], WebSocketMessageType.Text, i == parts.Length - 1, CancellationToken.None);
        }
        var reply = await client.ReceiveFrameAsync();

        Assert.Equal("ok", reply.Status);
    }

    [Fact]
    public async Task Receive_AfterProtocolError_FurtherFramesIgnored()
    {
        await using var host = new PhoenixHost();
        var (_, client) = await host.ConnectToNewRequestAsync();
        using var _ = client;

        await client.SendTextAsync("garbage");
        await client.SendAsync(null, "2", "phoenix", "heartbeat");

        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, await client.ReceiveCloseAsync());
    }
}
