using FakeRiver.Dashboard;
using FakeRiver.Observability;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FakeRiver.Hosting;

/// <summary>Composition of the event feed, the dashboard, OpenTelemetry and the health endpoints.</summary>
public static class ObservabilitySetup
{
    /// <summary>The standard OpenTelemetry variable: when set, traces and metrics are exported over OTLP.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Registers the event feed, the telemetry and (when OTEL_EXPORTER_OTLP_ENDPOINT is set) the OTLP exporter.</summary>
    public static IServiceCollection AddRiverObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<RiverEventFeed>();
        services.AddMetrics();
        services.TryAddSingleton<RiverTelemetry>();
        services.AddSingleton<IRiverEventListener>(sp => sp.GetRequiredService<RiverTelemetry>());
        services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: [ReadinessCheck.Tag]);

        // The SDK is only switched on when asked for: without a listener the spans are never built (the load
        // benchmark measures FakeRiver without them). Tests add their own exporter with AddOpenTelemetry().
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]))
        {
            services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddSource(RiverTelemetry.SourceName).AddAspNetCoreInstrumentation())
                .WithMetrics(metrics => metrics.AddMeter(RiverTelemetry.MeterName).AddAspNetCoreInstrumentation())
                .UseOtlpExporter();
        }
        return services;
    }

    /// <summary>Maps /health, /ready and the admin event stream.</summary>
    public static IEndpointRouteBuilder MapRiverObservability(this IEndpointRouteBuilder endpoints)
    {
        // Liveness answers as long as the process serves HTTP; readiness once the host has started (workflows loaded).
        endpoints.MapHealthChecks("/health", new() { Predicate = _ => false });
        endpoints.MapHealthChecks("/ready", new() { Predicate = check => check.Tags.Contains(ReadinessCheck.Tag) });
        DashboardEndpoints.Map(endpoints);
        return endpoints;
    }
}
