using System.Diagnostics;
using FakeRiver.Admin;
using FakeRiver.Observability;
using FakeRiver.Requests;
using FakeRiver.Scenarios.Checking;
using FakeRiver.Scenarios.Contracts;
using FakeRiver.Scenarios.Model;
using FakeRiver.Scenarios.Reporting;
using FakeRiver.Webhooks;

namespace FakeRiver.Scenarios.Running;

/// <summary>
/// Runs one scenario in a world of its own: the browser plays the client while the world runs until the request
/// is final and every webhook delivery has finished (or the virtual-time cap), then checks and transcribes it.
/// </summary>
public sealed class ScenarioRunner(ContractSchemaSet contracts, Func<Scenario, int, Task<IScenarioWorld>>? worlds = null)
{
    /// <summary>Long enough for a dead letter (eight attempts over about 3 h 43 min) and any callback timeout.</summary>
    public static readonly TimeSpan VirtualCap = TimeSpan.FromHours(8);

    /// <summary>A scenario that has not finished after this much wall time is stuck, whatever its clock says.</summary>
    public static readonly TimeSpan WallCap = TimeSpan.FromSeconds(20);

    private readonly Func<Scenario, int, Task<IScenarioWorld>> _worlds =
        worlds ?? (async (scenario, seed) => await InProcessWorld.StartAsync(scenario, seed));

    /// <summary>Plays one scenario in a world of its own and checks it; <paramref name="seedOverride"/> replaces its seed.</summary>
    public async Task<ScenarioResult> RunAsync(Scenario scenario, int? seedOverride = null, CancellationToken ct = default)
    {
        var seed = seedOverride ?? scenario.Seed;
        var wall = Stopwatch.StartNew();
        await using var world = await _worlds(scenario, seed);
        if (!world.VirtualTime && scenario.Requires.Contains(Scenario.VirtualTimeRequirement))
            return Skipped(scenario, seed, wall.Elapsed, "needs virtual time (requires: virtual_time); this run is on real time");
        if (scenario.RestartBackend && world.CannotRestartBackend is { } reason) return Skipped(scenario, seed, wall.Elapsed, reason);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(WallCap);
        var browser = new ScenarioBrowser(world, scenario);
        var browsing = BrowseAsync(browser, stop.Token);
        var finished = await world.RunUntilAsync(() => browsing.IsCompleted && RiverSettled(world), VirtualCap, stop.Token)
            .ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default);
        await stop.CancelAsync();
        await browsing;

        var seen = new Observation(browser.Record, world.River.GetRequiredService<RequestRegistry>().All(),
            world.River.GetRequiredService<WebhookJournal>().All(), world.River.GetRequiredService<CallbackJournal>().All(),
            finished, world.Clock.GetUtcNow(), world.KeyLeaks);
        var failures = ScenarioChecker.Check(world.VirtualTime ? scenario : RealTimeExpectations.Relax(scenario), seen, contracts);
        var transcript = new TranscriptNormalizer(browser.Record.StartedAt).Normalize(TranscriptBuilder.Build(scenario, seed, seen, failures));
        return new ScenarioResult(scenario, seed, failures, transcript, wall.Elapsed, seen.End - browser.Record.StartedAt)
        {
            Events = world.River.GetRequiredService<RiverEventFeed>().All(),
        };
    }

    private static ScenarioResult Skipped(Scenario scenario, int seed, TimeSpan wall, string reason)
    {
        var transcript = new System.Text.Json.Nodes.JsonObject
        {
            ["scenario"] = scenario.Name,
            ["seed"] = seed,
            ["verdict"] = "skipped",
            ["reason"] = reason,
        };
        return new ScenarioResult(scenario, seed, [], transcript, wall, TimeSpan.Zero, reason);
    }

    private static async Task BrowseAsync(ScenarioBrowser browser, CancellationToken ct)
    {
        try
        {
            await browser.RunAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            browser.Record.Errors.Add("the browser was still waiting when the run ended");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            browser.Record.Errors.Add($"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Every request final and every webhook delivery finished: nothing more will happen.</summary>
    private static bool RiverSettled(IScenarioWorld world) =>
        world.River.GetRequiredService<RequestRegistry>().All().All(r => r.IsFinal)
        && world.River.GetRequiredService<WebhookJournal>().All().All(d => d.IsFinished);
}
