using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Contract.Hostile;

/// <summary>
/// Sends bytes as they are over a new TCP connection and reads one HTTP/1.1 response (Content-Length, chunked, or
/// until close). Nothing is normalized on the way out, which is the point: HttpClient cannot send a bad chunk size.
/// </summary>
public static class RawHttpClient
{
    public static async Task<RawHttpResponse> SendAsync(IPEndPoint server, HttpInput input, TimeSpan limit)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await socket.ConnectAsync(server, timeout.Token);
            try
            {
                await socket.SendAsync(input.Bytes, SocketFlags.None, timeout.Token);
                if (input.Ending == InputEnding.HalfClose) socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
                // The server may answer and close before taking everything (a 431, a 413): read what it said.
            }
            return await ReadResponseAsync(socket, input.IsHead, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return RawHttpResponse.None(RawOutcome.TimedOut);
        }
    }

    private static async Task<RawHttpResponse> ReadResponseAsync(Socket socket, bool isHead, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var chunk = new byte[16 * 1024];
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
            var parsed = TryParse(received.GetBuffer().AsSpan(0, (int)received.Length), isHead, closed: read == 0);
            if (parsed is not null) return parsed;
            if (read == 0) return RawHttpResponse.None(RawOutcome.ClosedWithoutAnswer);
        }
    }

    /// <summary>The response if <paramref name="data"/> holds a complete one; null when more is needed.</summary>
    public static RawHttpResponse? TryParse(ReadOnlySpan<byte> data, bool isHead, bool closed)
    {
        var end = data.IndexOf("\r\n\r\n"u8);
        if (end < 0) return null;
        var head = Encoding.ASCII.GetString(data[..end]);
        var statusLine = head.Split("\r\n", 2)[0].Split(' ');
        if (statusLine.Length < 2 || !int.TryParse(statusLine[1], CultureInfo.InvariantCulture, out var status)) return null;
        var body = data[(end + 4)..];
        var noBody = isHead || status is 204 or 304 or 101 or (>= 100 and < 200);
        if (noBody) return new RawHttpResponse(status, head, [], RawOutcome.Answered);

        if (Header(head, "Content-Length") is { } lengthText && int.TryParse(lengthText, CultureInfo.InvariantCulture, out var length))
            return body.Length >= length ? new RawHttpResponse(status, head, body[..length].ToArray(), RawOutcome.Answered) : null;
        if (Header(head, "Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
            return Dechunk(body) is { } decoded ? new RawHttpResponse(status, head, decoded, RawOutcome.Answered) : null;
        return closed ? new RawHttpResponse(status, head, body.ToArray(), RawOutcome.Answered) : null;
    }

    public static string? Header(string head, string name)
    {
        foreach (var line in head.Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals(name, StringComparison.OrdinalIgnoreCase)) return line[(colon + 1)..].Trim();
        }
        return null;
    }

    private static byte[]? Dechunk(ReadOnlySpan<byte> body)
    {
        var output = new MemoryStream();
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n"u8);
            if (lineEnd < 0) return null;
            var sizeText = Encoding.ASCII.GetString(body[..lineEnd]).Split(';')[0];
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size)) return output.ToArray();
            body = body[(lineEnd + 2)..];
            if (size == 0) return output.ToArray();
            if (body.Length < size + 2) return null;
            output.Write(body[..size]);
            body = body[(size + 2)..];
        }
    }
}
