using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ModelRiver.Wire.Json;

namespace FakeRiver.Api;

/// <summary>
/// Reads a JSON object body by hand, with the size cap of <see cref="FakeRiverOptions.MaxBodyBytes"/>, so that every
/// bad body (wrong media type, too large, malformed, not an object) gets the error envelope and never a 500.
/// </summary>
public sealed class JsonBodyReader(IOptions<FakeRiverOptions> options)
{
    public async Task<JsonBodyResult> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        var limit = options.Value.MaxBodyBytes;
        if (!IsJson(request.ContentType)) return JsonBodyResult.Fail(ApiErrors.UnsupportedMediaType(request.ContentType));
        if (request.ContentLength > limit) return JsonBodyResult.Fail(ApiErrors.PayloadTooLarge(limit));

        var buffer = new ArrayBufferWriter<byte>();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.WrittenCount + read > limit) return JsonBodyResult.Fail(ApiErrors.PayloadTooLarge(limit));
                buffer.Write(chunk.AsSpan(0, read));
            }
        }
        catch (BadHttpRequestException e)
        {
            // A transport fault while reading (bad chunk size, body cut short, data too slow): Kestrel's own status
            // (400, 408, 413), in the envelope, instead of an unhandled exception and a 500.
            return JsonBodyResult.Fail(ApiErrors.Transport(e));
        }
        catch (IOException e)
        {
            // Kestrel reports some framing faults (a chunk size that overflows) as a plain IOException.
            return JsonBodyResult.Fail(ApiErrors.BadRequest($"Request body could not be read: {e.Message}", "bad_transport"));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        if (buffer.WrittenCount == 0) return JsonBodyResult.Fail(ApiErrors.BadRequest("Request body is empty", "invalid_json"));
        JsonNode? node;
        try
        {
            // Fully built and checked here (duplicate keys, bad UTF-8, lone surrogates, huge numbers), before any
            // handler changes state: a lazily parsed tree would throw later, in the middle of a state change.
            node = WellFormedJson.Parse(buffer.WrittenMemory);
        }
        catch (JsonException e)
        {
            return JsonBodyResult.Fail(ApiErrors.BadRequest($"Request body is not valid JSON: {e.Message}", "invalid_json"));
        }
        return node is JsonObject obj
            ? JsonBodyResult.Ok(obj)
            : JsonBodyResult.Fail(ApiErrors.BadRequest("Request body must be a JSON object", "invalid_json"));
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return false;
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
