using FakeRiver;
using FakeRiver.StructuredOutput;
using FakeRiver.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Contract.Workflows;

public class WorkflowSetupTests
{
    [Fact]
    public void AddWorkflows_NoConfigPath_ServesEmbeddedDefaults()
    {
        using var provider = Services(configPath: null);

        Assert.True(provider.GetRequiredService<WorkflowCatalog>().TryGet("mr_chatbot_workflow", out _));
        Assert.NotNull(provider.GetRequiredService<OutputValidator>());
    }

    [Fact]
    public void AddWorkflows_BadConfigFile_StopsWithLoaderMessage()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fakeriver-bad-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "workflows:\n  - name: w\n    providers: [{provider: p, model: m, ttft_ms: fast}]\n");
        try
        {
            using var provider = Services(path);

            var error = Assert.Throws<WorkflowConfigException>(() => provider.GetRequiredService<WorkflowCatalog>());
            Assert.StartsWith($"{path}:3: workflows[0].providers[0].ttft_ms: expected a non-negative integer", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static ServiceProvider Services(string? configPath) =>
        new ServiceCollection()
            .AddSingleton(Options.Create(new FakeRiverOptions { ConfigPath = configPath }))
            .AddWorkflows()
            .BuildServiceProvider();
}
