using FakeRiver.StructuredOutput;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FakeRiver.Workflows;

/// <summary>Registers the workflow catalog (from the configured file, else the embedded defaults) and output validation.</summary>
internal static class WorkflowSetup
{
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        // Loaded on first resolve; a bad file throws WorkflowConfigException, whose message names file, line and field.
        services.TryAddSingleton(sp => LoadCatalog(sp.GetRequiredService<IOptions<FakeRiverOptions>>().Value));
        services.TryAddSingleton<LiveWorkflows>();
        services.TryAddSingleton<OutputValidator>();
        return services;
    }

    public static WorkflowCatalog LoadCatalog(FakeRiverOptions options) =>
        string.IsNullOrWhiteSpace(options.ConfigPath)
            ? WorkflowFileLoader.LoadEmbeddedDefaults()
            : WorkflowFileLoader.LoadFile(options.ConfigPath);
}
