using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace FakeRiver.Cors;

/// <summary>
/// ASP.NET Core's CORS middleware for the public endpoints only (async, sync, reconnect, callback): never for
/// <c>/__admin</c>, which is for tests and tools, not pages. Off unless <c>FakeRiver:Cors:Origins</c> names origins.
/// </summary>
internal static class FakeRiverCors
{
    public const string PolicyName = "fakeriver-public";

    /// <summary>Headers a page may read: the sync answer's metadata and the rate limiter's Retry-After.</summary>
    private static readonly string[] ExposedHeaders =
    [
        "X-ModelRiver-Provider", "X-ModelRiver-Model", "X-ModelRiver-Workflow", "X-ModelRiver-Duration-Ms",
        "X-ModelRiver-Attempts", "X-ModelRiver-Cached-Data", "X-ModelRiver-Offline-Fallback", "Retry-After",
    ];

    public static IServiceCollection AddFakeRiverCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<FakeRiverOptions>>((cors, river) =>
        {
            var origins = river.Value.Cors.Origins;
            if (origins.Count == 0) return;
            cors.AddPolicy(PolicyName, policy =>
            {
                if (origins.Contains("*")) policy.AllowAnyOrigin();
                else policy.WithOrigins([.. origins]);
                policy.AllowAnyHeader().WithMethods("POST").WithExposedHeaders(ExposedHeaders)
                    .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
            });
        });
        return services;
    }

    /// <summary>Puts the policy on the public endpoints when CORS is on.</summary>
    public static void Apply(IEndpointConventionBuilder publicEndpoints, IServiceProvider services)
    {
        if (services.GetRequiredService<IOptions<FakeRiverOptions>>().Value.Cors.Enabled) publicEndpoints.RequireCors(PolicyName);
    }

    /// <summary><c>FakeRiver:Cors:Origins</c> given as one comma-separated string (an environment variable, say).</summary>
    public static void ReadCommaSeparated(CorsSettings settings, IConfiguration configuration)
    {
        if (configuration[$"{FakeRiverOptions.Section}:Cors:Origins"] is { Length: > 0 } text)
            settings.Origins = [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
