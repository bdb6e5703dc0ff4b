using System.Security.Cryptography;
using System.Text;
using FakeRiver.Requests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FakeRiver.Admin;

/// <summary>
/// Keeps web pages and other machines out of <c>/__admin</c> (README.md, "Security and limits"). In order:
/// <c>Host</c> and <c>Origin</c> (when sent) must name an address FakeRiver listens on (403), the bearer token
/// must match <see cref="FakeRiverOptions.AdminToken"/> when one is set (401), and a POST, PUT or PATCH must say
/// <c>Content-Type: application/json</c> (or a YAML type) (415) — types a cross-site form or <c>fetch</c> cannot send
/// without a CORS preflight, which FakeRiver never answers. Every refusal uses the API's error envelope.
/// </summary>
public sealed class AdminGuard(RequestDelegate next, IOptions<FakeRiverOptions> options, IServer server)
{
    /// <summary>The path prefix the guard covers.</summary>
    public const string Prefix = "/__admin";

    /// <summary>Checks the call and passes it on, or answers it with the refusal.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase)) return next(context);
        var refusal = Check(context.Request);
        return refusal is null ? next(context) : refusal.ExecuteAsync(context);
    }

    private IResult? Check(HttpRequest request)
    {
        var settings = options.Value;
        var listen = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var host = request.Host;
        if (!AdminHosts.Allows(host.Host, host.Port ?? DefaultPort(request.Scheme), listen, settings.Admin.AllowedHosts))
        {
            return ApiErrors.Create(StatusCodes.Status403Forbidden, "permission_error", "admin_host_not_allowed",
                $"Host '{host.Value}' is not an address FakeRiver listens on");
        }
        if (request.Headers.Origin is { Count: > 0 } origin && !OriginAllowed(origin.ToString(), listen, settings.Admin.AllowedHosts))
        {
            return ApiErrors.Create(StatusCodes.Status403Forbidden, "permission_error", "admin_origin_not_allowed",
                "Cross-origin requests to /__admin are refused");
        }
        if (settings.AdminToken is { } token && !BearerMatches(request, token))
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return ApiErrors.Create(StatusCodes.Status401Unauthorized, "authentication_error", "invalid_admin_token",
                "The admin API needs Authorization: Bearer <FakeRiver:AdminToken>");
        }
        if (CarriesBody(request.Method) && !IsStructuredBody(request.ContentType))
        {
            return ApiErrors.UnsupportedMediaType(request.ContentType);
        }
        // The project scope, checked once here for every endpoint; handlers bind the valid scope (AdminScope.BindAsync).
        return AdminScope.Of(request.HttpContext, request.HttpContext.RequestServices.GetRequiredService<ProjectKeys>()).Error;
    }

    private static bool OriginAllowed(string origin, IReadOnlyCollection<string> listen, IEnumerable<string> extra) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && AdminHosts.Allows(uri.Host, uri.Port, listen, extra);

    private static bool BearerMatches(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        // Constant time, so the token cannot be guessed byte by byte from response times.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }

    // DELETE is left out: a browser never sends it cross-site without a preflight, and it has no body to type.
    private static bool CarriesBody(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method);

    /// <summary>
    /// JSON (or YAML, which the workflow route takes): none of them is a CORS-safelisted type, so a page on another
    /// site cannot send them without a preflight. The route itself then checks which of them it accepts.
    /// </summary>
    private static bool IsStructuredBody(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type) return false;
        type = type.ToLowerInvariant();
        return type is "application/json" or "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml"
            || (type.StartsWith("application/", StringComparison.Ordinal) && type.EndsWith("+json", StringComparison.Ordinal));
    }

    private static int DefaultPort(string scheme) => scheme == Uri.UriSchemeHttps ? 443 : 80;
}
