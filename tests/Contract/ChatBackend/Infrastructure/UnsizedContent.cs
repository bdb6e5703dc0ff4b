using System.Net;
using System.Text;

namespace Contract.ChatBackend.Infrastructure;

/// <summary>JSON content without a Content-Length (sent chunked), to test limits that cannot trust the header.</summary>
public sealed class UnsizedContent : HttpContent
{
    private readonly byte[] _bytes;

    public UnsizedContent(string json)
    {
        _bytes = Encoding.UTF8.GetBytes(json);
        Headers.ContentType = new("application/json");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
