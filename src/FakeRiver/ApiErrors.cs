using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace FakeRiver;

/// <summary>
/// The documented error envelope <c>{"error":{"message","type","code","param"},"message"}</c>: OpenAI-style, plus
/// a top-level <c>message</c> because the public example backend reads <c>error.response.data.message</c>.
/// </summary>
internal static class ApiErrors
{
    public static IResult Create(int status, string type, string code, string message, string? param = null) =>
        Results.Json(Envelope(type, code, message, param), WireJson.Options, "application/json", status);

    /// <summary>The envelope itself, for an answer computed on another node (cluster mode).</summary>
    public static JsonObject Envelope(string type, string code, string message, string? param = null) =>
        new()
        {
            ["error"] = new JsonObject
            {
                ["message"] = message,
                ["type"] = type,
                ["code"] = code,
                ["param"] = param,
            },
            ["message"] = message,
        };

    public static IResult BadRequest(string message, string code = "invalid_request", string? param = null) =>
        Create(StatusCodes.Status400BadRequest, "invalid_request_error", code, message, param);

    public static IResult InvalidApiKey() =>
        Create(StatusCodes.Status401Unauthorized, "authentication_error", "invalid_api_key", "Invalid API key provided");

    public static IResult ForeignProject() =>
        Create(StatusCodes.Status403Forbidden, "permission_error", "project_access_denied", "This API key does not belong to this project");

    public static IResult NotFound(string message, string code, string? param = null) =>
        Create(StatusCodes.Status404NotFound, "invalid_request_error", code, message, param);

    public static IResult Conflict(string message, string code) =>
        Create(StatusCodes.Status409Conflict, "invalid_request_error", code, message);

    public static IResult PayloadTooLarge(long limit) =>
        Create(StatusCodes.Status413PayloadTooLarge, "invalid_request_error", "payload_too_large", $"Request body exceeds {limit} bytes");

    public static IResult MethodNotAllowed(string method, string path) =>
        Create(StatusCodes.Status405MethodNotAllowed, "invalid_request_error", "method_not_allowed",
            $"Method {method} is not allowed on {path}");

    /// <summary>A fault of the HTTP transport (bad framing, body cut short or too slow) with Kestrel's status.</summary>
    public static IResult Transport(BadHttpRequestException fault) => Create(fault.StatusCode, "invalid_request_error",
        fault.StatusCode == StatusCodes.Status408RequestTimeout ? "request_timeout" : "bad_transport", fault.Message);

    /// <summary>An answer the framework gave without a body (refused upgrade, 405, ...), now in the envelope.</summary>
    public static IResult ForStatus(int status, string method, string path) => status switch
    {
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed(method, path),
        StatusCodes.Status404NotFound => NotFound($"No route for {method} {path}", "route_not_found"),
        _ => Create(status, status == StatusCodes.Status401Unauthorized ? "authentication_error" : "invalid_request_error",
            StatusCode(status), $"{ReasonPhrases.GetReasonPhrase(status)} ({method} {path})"),
    };

    private static string StatusCode(int status) =>
        ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase
            ? phrase.ToLowerInvariant().Replace(' ', '_').Replace("-", "", StringComparison.Ordinal)
            : $"http_{status}";

    public static IResult RateLimited(string message) =>
        Create(StatusCodes.Status429TooManyRequests, "rate_limit_error", "rate_limit_exceeded", message);

    public static IResult UnsupportedMediaType(string? contentType) =>
        Create(StatusCodes.Status415UnsupportedMediaType, "invalid_request_error", "unsupported_media_type",
            $"Content-Type must be application/json (got '{contentType ?? "none"}')");
}
