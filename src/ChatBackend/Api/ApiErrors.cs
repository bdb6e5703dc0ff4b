using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatBackend.Api;

/// <summary>The example's error bodies: <c>{"error": "..."}</c>, plus <c>message</c> or <c>details</c> where it adds them.</summary>
public static class ApiErrors
{
    public static IResult BadRequest(string error) => Error(StatusCodes.Status400BadRequest, error);

    public static IResult TooLarge() => Error(StatusCodes.Status413PayloadTooLarge, "Request body too large");

    public static IResult Error(int status, string error) => Json(status, new JsonObject { ["error"] = error });

    /// <summary>A transport fault (bad framing, body cut short or too slow) with Kestrel's status (400, 408, 413).</summary>
    public static IResult Transport(BadHttpRequestException fault) => Error(fault.StatusCode, fault.Message);

    /// <summary>What express answers for a route it does not have, as JSON: <c>{"error":"Cannot GET /x"}</c>.</summary>
    public static IResult NoRoute(string method, string path) => Error(StatusCodes.Status404NotFound, $"Cannot {method} {path}");

    /// <summary>An answer the framework gave without a body (405 and friends), in the same shape.</summary>
    public static IResult ForStatus(int status, string method, string path) => status switch
    {
        StatusCodes.Status404NotFound => NoRoute(method, path),
        StatusCodes.Status405MethodNotAllowed => Error(status, $"Method {method} is not allowed on {path}"),
        _ => Error(status, $"{ReasonPhrases.GetReasonPhrase(status)} ({method} {path})"),
    };

    public static IResult Unauthorized(string message) =>
        Json(StatusCodes.Status401Unauthorized, new JsonObject { ["error"] = "Unauthorized", ["message"] = message });

    public static IResult Json(int status, JsonObject body) => Results.Json(body, statusCode: status);
}
