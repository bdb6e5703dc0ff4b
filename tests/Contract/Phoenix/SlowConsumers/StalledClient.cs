using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace Contract.Phoenix.SlowConsumers;

/// <summary>
/// A client that stops reading: a raw TCP socket with a tiny receive buffer does the HTTP upgrade by hand, then
/// speaks WebSocket through <see cref="WebSocket.CreateFromStream(Stream, WebSocketCreationOptions)"/>. Nothing reads
/// the socket until the test receives from it, so the kernel buffers on both sides fill and the server's
/// sends block, as with a browser tab that froze.
/// </summary>
internal static class StalledClient
{
    private const int TinyReceiveBuffer = 4096;

    public static async Task<PhoenixTestClient> ConnectAsync(Uri socketUri)
    {
        var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = TinyReceiveBuffer };
        await tcp.ConnectAsync(new IPEndPoint(IPAddress.Loopback, socketUri.Port)).WaitAsync(PhoenixTestClient.Cap);
        var stream = new NetworkStream(tcp, ownsSocket: true);
        var request = $"GET {socketUri.PathAndQuery} HTTP/1.1\r\nHost: {socketUri.Authority}\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request)).AsTask().WaitAsync(PhoenixTestClient.Cap);
        var head = await ReadHeadAsync(stream);
        Assert.StartsWith("HTTP/1.1 101", head, StringComparison.Ordinal);
        var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        return new PhoenixTestClient(socket);
    }

    /// <summary>The response head, read a byte at a time so not one byte of the first frame is consumed.</summary>
    private static async Task<string> ReadHeadAsync(Stream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(one).AsTask().WaitAsync(PhoenixTestClient.Cap);
            if (read == 0) throw new IOException($"connection closed during the upgrade: {head}");
            head.Append((char)one[0]);
        }
        return head.ToString();
    }
}
