using System.Collections.Concurrent;

namespace ChatBackend.Page;

/// <summary>
/// The example's chat page at <c>/</c>: plain HTML/CSS/JS compiled into the assembly (EmbeddedResource items named
/// <c>ChatBackend.ui.&lt;file&gt;</c>), served under <c>/static/</c>. Nothing is loaded from elsewhere; the page speaks
/// the Phoenix v2 JSON protocol itself (static/chat.js).
/// </summary>
public static class ChatPageEndpoints
{
    private const string Prefix = "ChatBackend.ui.";
    private static readonly ConcurrentDictionary<string, byte[]?> Cache = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
    };

    public static IEndpointRouteBuilder MapChatPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpContext context) => Serve(context, "chat.html"));
        endpoints.MapGet("/static/{file}", (string file, HttpContext context) => Serve(context, file));
        return endpoints;
    }

    private static IResult Serve(HttpContext context, string file)
    {
        if (!ContentTypes.TryGetValue(Path.GetExtension(file), out var type) || file.Contains('/') || Load(file) is not { } bytes)
            return Results.Json(new System.Text.Json.Nodes.JsonObject { ["error"] = "Not found" }, statusCode: StatusCodes.Status404NotFound);
        // Scripts and styles from this origin only; the socket may go to the gateway on another port (ws: any host,
        // since the gateway's address is whatever MODELRIVER_API_URL names).
        context.Response.Headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; base-uri 'none'; form-action 'self'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(bytes, type);
    }

    private static byte[]? Load(string file) => Cache.GetOrAdd(file, static name =>
    {
        using var stream = typeof(ChatPageEndpoints).Assembly.GetManifestResourceStream(Prefix + name);
        if (stream is null) return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}
