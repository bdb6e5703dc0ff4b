using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRiver.Wire.Json;

namespace ChatBackend.Api;

/// <summary>
/// A request body read the way express.json does for the example: size-limited, parsed, and kept as raw text
/// (the example keeps <c>rawBody</c> for the signature fallback). <see cref="Problem"/> is set when reading failed.
/// </summary>
public sealed record JsonBody(string Raw, JsonNode? Node, IResult? Problem)
{
    public static async Task<JsonBody> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return Fail(ApiErrors.TooLarge());

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                // Chunked bodies carry no Content-Length: count while reading and stop at the limit.
                if (buffer.Length + read > maxBytes) return Fail(ApiErrors.TooLarge());
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException fault)
        {
            // Bad chunk framing, a body cut short or arriving too slowly: Kestrel's 400/408, not a 500.
            return Fail(ApiErrors.Transport(fault));
        }
        catch (IOException fault)
        {
            // Kestrel reports some framing faults (a chunk size that overflows) as a plain IOException.
            return Fail(ApiErrors.BadRequest($"Request body could not be read: {fault.Message}"));
        }

        var raw = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        // express.json turns an empty body into {}.
        if (string.IsNullOrWhiteSpace(raw)) return new JsonBody(raw, new JsonObject(), null);
        try
        {
            return new JsonBody(raw, JsonTree.Parse(raw), null);
        }
        catch (JsonException ex)
        {
            return Fail(ApiErrors.BadRequest($"Invalid JSON body: {ex.Message}"));
        }
    }

    private static JsonBody Fail(IResult problem) => new(string.Empty, null, problem);
}
