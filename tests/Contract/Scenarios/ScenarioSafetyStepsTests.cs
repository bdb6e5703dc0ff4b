using System.Xml.Linq;
using FakeRiver.Scenarios.Loading;
using FakeRiver.Scenarios.Reporting;
using FakeRiver.Scenarios.Running;

namespace Contract.Scenarios;

/// <summary>The runner's safety steps: the restart step where no restart is possible, and the new keys' validation.</summary>
[Collection(Contract.ChatBackend.Infrastructure.DirectHostCollection.Name)]
public class ScenarioSafetyStepsTests
{
    private const string Workflow = """
        name: steps
        workflow:
          name: w
          event_name: new_chat
          providers:
            - provider: p
              model: m
        """;

    [Fact]
    public async Task Run_RestartScenarioAgainstBackendByUrl_ReportedNotApplicable()
    {
        var scenario = ScenarioLoader.Load(Workflow + "\nwebhook: { duplicate_delivery: true, restart_backend: true }\n", "restart.yaml");
        var contracts = await ContractSchemaSet.LoadAsync(Path.Combine(AppContext.BaseDirectory, "contracts"));
        // Nobody listens at the backend URL: a runner that tried to play the scenario would fail, not skip it.
        var settings = new LoopbackSettings(new Uri("http://127.0.0.1:9/"), FreePort.Next(), "mr_test_key", "secret", ChatContract.Default);
        var runner = new ScenarioRunner(contracts, async (s, seed) => await LoopbackWorld.StartAsync(s, seed, settings));
        var junit = Path.Combine(Path.GetTempPath(), $"junit-{Guid.NewGuid():N}.xml");

        var result = await runner.RunAsync(scenario);
        JUnitWriter.Write(junit, [result], TimeSpan.Zero);

        Assert.True(result.Passed);
        Assert.True(result.Skipped);
        Assert.Contains("--backend", result.SkipReason, StringComparison.Ordinal);
        var skipped = XDocument.Load(junit).Descendants("skipped").Single();
        Assert.Contains("not applicable", (string)skipped.Attribute("message")!, StringComparison.Ordinal);
        File.Delete(junit);
    }

    [Fact]
    public void Load_RestartWithoutDuplicateDelivery_ErrorNamesTheField()
    {
        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(Workflow + "\nwebhook: { restart_backend: true }\n", "restart.yaml"));

        Assert.Contains(error.Errors, e => e.Contains("webhook.restart_backend: needs duplicate_delivery", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SafetyKeys_ReadIntoTheScenario()
    {
        var scenario = ScenarioLoader.Load(
            Workflow + "\nwebhook: { forged_callback_url: true, replay_changed_channel_id: true }\nexpect: { key_leaks: 0 }\n", "safety.yaml");

        Assert.True(scenario.ForgeCallbackUrl);
        Assert.True(scenario.Webhook.ReplayWithOtherChannelId);
        Assert.Equal(0, scenario.Expect.KeyLeaks);
        Assert.Equal("http://trap/v1/callback/", scenario.WebhookPlan("http://trap/v1/callback/", null).ForgedCallbackBase);
    }
}
