namespace FakeRiver;

/// <summary>An answer plus response headers (Retry-After, X-ModelRiver-*): minimal APIs' JSON results set none.</summary>
internal sealed class HeaderResult(IResult inner, IReadOnlyList<KeyValuePair<string, string>> headers) : IResult
{
    public IResult Inner { get; } = inner;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = headers;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        foreach (var (name, value) in Headers) httpContext.Response.Headers[name] = value;
        return Inner.ExecuteAsync(httpContext);
    }
}
