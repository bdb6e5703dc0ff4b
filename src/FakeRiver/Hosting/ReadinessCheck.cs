using FakeRiver.Workflows;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FakeRiver.Hosting;

/// <summary>Ready once the host has started: the workflow file is loaded (a bad one stops start-up) and Kestrel listens.</summary>
internal sealed class ReadinessCheck(IHostApplicationLifetime lifetime, WorkflowCatalog workflows) : IHealthCheck
{
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested) return Task.FromResult(HealthCheckResult.Unhealthy("stopping"));
        if (!lifetime.ApplicationStarted.IsCancellationRequested) return Task.FromResult(HealthCheckResult.Unhealthy("starting"));
        return Task.FromResult(HealthCheckResult.Healthy($"{workflows.All.Count} workflows"));
    }
}
