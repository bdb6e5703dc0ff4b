using System.Globalization;
using System.Text;

namespace Contract.Hostile;

/// <summary>How the body travels.</summary>
public enum Framing
{
    ContentLength,
    Chunked,
    NoLength,
}

/// <summary>Builds raw HTTP/1.1 request bytes; every request asks the server to close after answering.</summary>
public static class RawRequest
{
    public static byte[] Build(string method, string target, string host, IEnumerable<(string Name, string Value)> headers,
        byte[] body, Framing framing, int chunkSize = 7)
    {
        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(host).Append("\r\n");
        foreach (var (name, value) in headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        head.Append("Connection: close\r\n");
        byte[] payload;
        switch (framing)
        {
            case Framing.ContentLength:
                head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
                payload = body;
                break;
            case Framing.Chunked:
                head.Append("Transfer-Encoding: chunked\r\n");
                payload = Chunk(body, chunkSize);
                break;
            default:
                payload = body;
                break;
        }
        head.Append("\r\n");
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. payload];
    }

    public static byte[] Chunk(byte[] body, int chunkSize)
    {
        var output = new MemoryStream();
        for (var offset = 0; offset < body.Length; offset += chunkSize)
        {
            var size = Math.Min(chunkSize, body.Length - offset);
            output.Write(Encoding.ASCII.GetBytes(size.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            output.Write(body, offset, size);
            output.Write("\r\n"u8);
        }
        output.Write("0\r\n\r\n"u8);
        return output.ToArray();
    }
}
