using System.Text;

namespace FakeRiver.Admin;

/// <summary>
/// Reads an admin write's body as text: JSON, or YAML where the endpoint takes the workflow file's format.
/// Bounded by <see cref="MaxBytes"/>, strict UTF-8, every problem a 4xx with the error envelope.
/// </summary>
internal static class AdminBody
{
    /// <summary>Largest admin body accepted.</summary>
    public const int MaxBytes = 256 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="request">The admin request whose body is read.</param>
    /// <param name="yamlAllowed">Whether YAML media types are taken too (workflow definitions).</param>
    public static async Task<(string? Text, IResult? Error)> ReadAsync(HttpRequest request, bool yamlAllowed)
    {
        var mediaType = (request.ContentType ?? "").Split(';', 2)[0].Trim().ToLowerInvariant();
        var json = mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);
        var yaml = yamlAllowed && mediaType is "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml";
        if (!json && !yaml)
            return (null, ApiErrors.Create(StatusCodes.Status415UnsupportedMediaType, "invalid_request_error", "unsupported_media_type",
                $"Content-Type must be application/json{(yamlAllowed ? " or application/yaml" : "")} (got '{request.ContentType ?? "none"}')"));
        if (request.ContentLength > MaxBytes) return (null, ApiErrors.PayloadTooLarge(MaxBytes));

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return (null, ApiErrors.PayloadTooLarge(MaxBytes));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return (null, ApiErrors.BadRequest("Request body is empty", "invalid_body"));
        try
        {
            return (StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, ApiErrors.BadRequest("Request body is not valid UTF-8", "invalid_body"));
        }
    }
}
