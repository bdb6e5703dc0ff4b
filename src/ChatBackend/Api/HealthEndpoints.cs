using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ChatBackend.Api;

/// <summary><c>GET /health</c>: liveness plus the configuration the example reports (never the key itself).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", GetHealth);
        return endpoints;
    }

    public static IResult GetHealth(IOptions<ChatBackendOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        return Results.Json(new JsonObject
        {
            ["status"] = "ok",
            ["timestamp"] = IsoTimestamp.Format(time.GetUtcNow()),
            ["config"] = new JsonObject
            {
                ["modelriver_api_url"] = settings.ModelRiverApiUrl,
                ["backend_public_url"] = settings.BackendPublicUrl,
                ["api_key_configured"] = settings.ApiKeyConfigured,
            },
        });
    }
}
