using System.Text;
using ModelRiver.Wire.Json;

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
        var (bytes, error) = await RequestBodyBytes.ReadAsync(request, MaxBytes, request.HttpContext.RequestAborted);
        if (error is not null) return (null, error);
        if (bytes.Length == 0) return (null, ApiErrors.BadRequest("Request body is empty", "invalid_body"));
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            return (null, ApiErrors.BadRequest("Request body is not valid UTF-8", "invalid_body"));
        }
        // Checked before the YAML parser sees it (JSON is read as YAML too): 20,000 nested brackets kept it busy for
        // minutes. Other problems are left to the endpoint's reader, which names them in its own error code.
        if (FlowDepth(text) > WellFormedJson.MaxDepth)
            return (null, ApiErrors.BadRequest($"Request body nests deeper than {WellFormedJson.MaxDepth} levels", "invalid_body"));
        return (text, null);
    }

    /// <summary>
    /// Deepest nesting of YAML flow collections (<c>[</c>, <c>{</c>). Brackets inside quoted text count too: an upper
    /// bound that a quote cannot fool, at the price of refusing text with 65 unbalanced brackets in a string.
    /// </summary>
    private static int FlowDepth(string text)
    {
        int depth = 0, deepest = 0;
        foreach (var c in text)
        {
            if (c is '[' or '{') deepest = Math.Max(deepest, ++depth);
            else if (c is ']' or '}') depth = Math.Max(0, depth - 1);
        }
        return deepest;
    }
}
