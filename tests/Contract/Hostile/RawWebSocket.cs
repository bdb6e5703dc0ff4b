using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Contract.Hostile;

/// <summary>
/// A WebSocket client over a bare TCP socket that can send what ClientWebSocket never would: unmasked, reserved-bit,
/// unknown-opcode, lying-length and fragmented-control frames, and any upgrade request at all.
/// </summary>
public sealed class RawWebSocket : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly MemoryStream _pending = new();

    private RawWebSocket(Socket socket, byte[] leftover)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _pending.Write(leftover);
        _pending.Position = 0;
    }

    /// <summary>The upgrade request for <paramref name="target"/> with the usual headers, minus or plus <paramref name="extra"/>.</summary>
    public static byte[] Upgrade(string target, string host, IEnumerable<string>? extra = null, string method = "GET",
        bool withKey = true, string version = "13", string upgrade = "websocket")
    {
        var text = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: {host}\r\nUpgrade: {upgrade}\r\nConnection: Upgrade\r\n");
        if (withKey) text.Append("Sec-WebSocket-Key: ").Append(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))).Append("\r\n");
        text.Append("Sec-WebSocket-Version: ").Append(version).Append("\r\n");
        foreach (var line in extra ?? []) text.Append(line).Append("\r\n");
        return Encoding.Latin1.GetBytes(text.Append("\r\n").ToString());
    }

    /// <summary>Sends the upgrade; returns the open socket on 101, else null and the HTTP answer.</summary>
    public static async Task<(RawWebSocket? Socket, RawHttpResponse Answer)> ConnectAsync(IPEndPoint server, byte[] upgrade, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, cancellationToken);
            await socket.SendAsync(upgrade, SocketFlags.None, cancellationToken);
            var received = new MemoryStream();
            var chunk = new byte[8192];
            while (true)
            {
                int read;
                try
                {
                    read = await socket.ReceiveAsync(chunk, SocketFlags.None, cancellationToken);
                }
                catch (SocketException)
                {
                    read = 0;
                }
                if (read > 0) received.Write(chunk, 0, read);
                var data = received.ToArray();
                var end = data.AsSpan().IndexOf("\r\n\r\n"u8);
                if (end >= 0 && data.AsSpan().StartsWith("HTTP/1.1 101"u8))
                {
                    var answer = new RawHttpResponse(101, Encoding.ASCII.GetString(data, 0, end), [], RawOutcome.Answered);
                    return (new RawWebSocket(socket, data[(end + 4)..]), answer);
                }
                if (RawHttpClient.TryParse(data, isHead: false, closed: read == 0) is { } refused)
                {
                    socket.Dispose();
                    return (null, refused);
                }
                if (read == 0)
                {
                    socket.Dispose();
                    return (null, RawHttpResponse.None(RawOutcome.ClosedWithoutAnswer));
                }
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A client frame; masked unless told otherwise; <paramref name="declaredLength"/> may lie.</summary>
    public static byte[] Frame(int opcode, byte[] payload, bool fin = true, int reserved = 0, bool mask = true, long? declaredLength = null)
    {
        var length = declaredLength ?? payload.Length;
        var header = new List<byte> { (byte)((fin ? 0x80 : 0) | (reserved & 0x7) << 4 | (opcode & 0xF)) };
        var maskBit = mask ? 0x80 : 0;
        if (length < 126) header.Add((byte)(maskBit | (int)length));
        else if (length <= ushort.MaxValue)
        {
            header.Add((byte)(maskBit | 126));
            header.Add((byte)(length >> 8));
            header.Add((byte)length);
        }
        else
        {
            header.Add((byte)(maskBit | 127));
            var extended = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(extended, length);
            header.AddRange(extended);
        }
        if (!mask) return [.. header, .. payload];
        var key = RandomNumberGenerator.GetBytes(4);
        header.AddRange(key);
        var masked = new byte[payload.Length];
        for (var i = 0; i < payload.Length; i++) masked[i] = (byte)(payload[i] ^ key[i % 4]);
        return [.. header, .. masked];
    }

    /// <summary>Ends the sending side (the server reads end-of-stream), still reading what it says.</summary>
    public void HalfClose() => _socket.Shutdown(SocketShutdown.Send);

    public static byte[] Text(string text) => Frame(0x1, Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        try
        {
            await _stream.WriteAsync(frame, cancellationToken);
        }
        catch (IOException)
        {
            // The server already closed: what it said is still readable.
        }
    }

    /// <summary>The next server frame (opcode, payload), or null when the connection ended.</summary>
    public async Task<(int Opcode, byte[] Payload)?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var head = await ReadExactlyAsync(2, cancellationToken);
        if (head is null) return null;
        long length = head[1] & 0x7F;
        if (length == 126) length = (await ReadExactlyAsync(2, cancellationToken)) is { } b ? BinaryPrimitives.ReadUInt16BigEndian(b) : -1;
        else if (length == 127) length = (await ReadExactlyAsync(8, cancellationToken)) is { } b ? BinaryPrimitives.ReadInt64BigEndian(b) : -1;
        if (length < 0 || length > 16 * 1024 * 1024) return null;
        var payload = await ReadExactlyAsync((int)length, cancellationToken);
        return payload is null ? null : (head[0] & 0xF, payload);
    }

    /// <summary>Reads until the server's close frame (answered) or the end of the connection; returns the close code (0 if none).</summary>
    public async Task<int> ReadUntilClosedAsync(CancellationToken cancellationToken)
    {
        while (await ReceiveAsync(cancellationToken) is { } frame)
        {
            if (frame.Opcode != 0x8) continue;
            await SendAsync(Frame(0x8, frame.Payload.Length >= 2 ? frame.Payload[..2] : []), cancellationToken);
            return frame.Payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(frame.Payload) : 1005;
        }
        return 0;
    }

    private async Task<byte[]?> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        var filled = _pending.Read(buffer, 0, count);
        while (filled < count)
        {
            int read;
            try
            {
                read = await _stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            }
            catch (IOException)
            {
                return null;
            }
            if (read == 0) return null;
            filled += read;
        }
        return buffer;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _socket.Dispose();
    }
}
