using Microsoft.Extensions.DependencyInjection;

namespace Contract.Infrastructure;

/// <summary>What one test's harness looks like: settings for each app and an optional workflow file.</summary>
public sealed record HarnessOptions
{
    /// <summary>YAML workflow file content; null keeps the embedded defaults.</summary>
    public string? WorkflowYaml { get; init; }

    public Dictionary<string, string?> RiverSettings { get; init; } = [];

    public Dictionary<string, string?> BackendSettings { get; init; } = [];

    /// <summary>False leaves the backend out (tests that play the backend themselves).</summary>
    public bool WithBackend { get; init; } = true;

    /// <summary>Extra services for FakeRiver, added last (an OpenTelemetry exporter, say).</summary>
    public Action<IServiceCollection>? RiverServices { get; init; }

    /// <summary>Answers for hosts other than the two apps (a test's own webhook receiver, say).</summary>
    public Dictionary<string, HttpMessageHandler> ExtraHosts { get; init; } = [];
}
