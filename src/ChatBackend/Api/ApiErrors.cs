using System.Text.Json.Nodes;

namespace ChatBackend.Api;

/// <summary>The example's error bodies: <c>{"error": "..."}</c>, plus <c>message</c> or <c>details</c> where it adds them.</summary>
public static class ApiErrors
{
    public static IResult BadRequest(string error) => Error(StatusCodes.Status400BadRequest, error);

    public static IResult TooLarge() => Error(StatusCodes.Status413PayloadTooLarge, "Request body too large");

    public static IResult Error(int status, string error) => Json(status, new JsonObject { ["error"] = error });

    public static IResult Unauthorized(string message) =>
        Json(StatusCodes.Status401Unauthorized, new JsonObject { ["error"] = "Unauthorized", ["message"] = message });

    public static IResult Json(int status, JsonObject body) => Results.Json(body, statusCode: status);
}
