using System.Buffers;

namespace FakeRiver;

/// <summary>
/// Reads a request body into memory with a size cap, for every endpoint that takes one. Transport faults while
/// reading (a bad chunk size, a body cut short or arriving too slowly) become the error answer with Kestrel's
/// status (400, 408, 413) instead of an unhandled exception and a 500.
/// </summary>
internal static class RequestBodyBytes
{
    public static async Task<(ReadOnlyMemory<byte> Bytes, IResult? Error)> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return (default, ApiErrors.PayloadTooLarge(limit));
        var buffer = new ArrayBufferWriter<byte>();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                // Chunked bodies carry no Content-Length: count while reading and stop at the limit.
                if (buffer.WrittenCount + read > limit) return (default, ApiErrors.PayloadTooLarge(limit));
                buffer.Write(chunk.AsSpan(0, read));
            }
        }
        catch (BadHttpRequestException fault)
        {
            return (default, ApiErrors.Transport(fault));
        }
        catch (IOException fault)
        {
            // Kestrel reports some framing faults (a chunk size that overflows) as a plain IOException.
            return (default, ApiErrors.BadRequest($"Request body could not be read: {fault.Message}", "bad_transport"));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return (buffer.WrittenMemory, null);
    }
}
