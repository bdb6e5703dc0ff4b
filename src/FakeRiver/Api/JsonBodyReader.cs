using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace FakeRiver.Api;

/// <summary>
/// Reads a JSON object body by hand, with the size cap of <see cref="FakeRiverOptions.MaxBodyBytes"/>, so that every
/// bad body (wrong media type, too large, malformed, not an object) gets the error envelope and never a 500.
/// </summary>
internal sealed class JsonBodyReader(IOptions<FakeRiverOptions> options)
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
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        if (buffer.WrittenCount == 0) return JsonBodyResult.Fail(ApiErrors.BadRequest("Request body is empty", "invalid_json"));
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(buffer.WrittenSpan, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
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
