using FakeRiver.Scenarios.Loading;

namespace Contract.Scenarios;

public class ScenarioLoaderTests
{
    [Fact]
    public void Load_UnknownKeyAndBadValue_ErrorsNameFileLineAndField()
    {
        const string yaml = """
            name: broken
            workflow:
              name: w
              providers:
                - provider: p
                  model: m
            client:
              disconect_after_tokens: 3
            expect:
              status: maybe
            """;

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(yaml, "broken.yaml"));

        Assert.Contains(error.Errors, e => e.StartsWith("broken.yaml:8: client.disconect_after_tokens: unknown key", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("broken.yaml:10: expect.status: expected one of success, completed, error", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadPath_RepositoryScenarios_AllLoad()
    {
        var scenarios = ScenarioLoader.LoadPath(ScenarioFiles.Folder);

        Assert.True(scenarios.Count >= 20, $"{scenarios.Count} scenarios");
    }
}
