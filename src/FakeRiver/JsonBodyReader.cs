using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ModelRiver.Wire.Json;

namespace FakeRiver;

/// <summary>
/// Reads a JSON object body by hand, with the size cap of <see cref="FakeRiverOptions.MaxBodyBytes"/>, so that every
/// bad body (wrong media type, too large, malformed, not an object) gets the error envelope and never a 500.
/// </summary>
internal sealed class JsonBodyReader(IOptions<FakeRiverOptions> options)
{
    /// <param name="request">The request whose body is read.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <param name="javaScriptStrings">Parse as JavaScript's JSON.parse would, keeping lone surrogate escapes
    /// (<see cref="JsonTree"/>): only for <c>/__admin/webhooks/send</c>, whose point is to sign any data exactly as
    /// a Node receiver prints it. Every other endpoint refuses them, as the gateway's decoder does.</param>
    public async Task<JsonBodyResult> ReadObjectAsync(HttpRequest request, CancellationToken ct, bool javaScriptStrings = false)
    {
        var limit = options.Value.MaxBodyBytes;
        if (!IsJson(request.ContentType)) return JsonBodyResult.Fail(ApiErrors.UnsupportedMediaType(request.ContentType));
        var (bytes, error) = await RequestBodyBytes.ReadAsync(request, limit, ct);
        if (error is not null) return JsonBodyResult.Fail(error);

        if (bytes.Length == 0) return JsonBodyResult.Fail(ApiErrors.BadRequest("Request body is empty", "invalid_json"));
        JsonNode? node;
        try
        {
            // Fully built and checked here (duplicate keys, bad UTF-8, lone surrogates, huge numbers), before any
            // handler changes state: a lazily parsed tree would throw later, in the middle of a state change.
            node = javaScriptStrings ? JsonTree.Parse(Encoding.UTF8.GetString(bytes.Span)) : WellFormedJson.Parse(bytes);
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
