namespace FakeRiver.Api;

/// <summary>
/// A 200 answer whose JSON is already written (<see cref="WireJsonWriter"/>): the same status, content type and
/// body bytes as <c>Results.Json</c> of the equivalent JsonObject under <see cref="WireJson.Options"/>, and like it
/// no Content-Length, without building the object to serialize it.
/// </summary>
internal sealed class Utf8JsonResult(byte[] body) : IResult
{
    public const string ContentType = "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        return httpContext.Response.Body.WriteAsync(body).AsTask();
    }
}
