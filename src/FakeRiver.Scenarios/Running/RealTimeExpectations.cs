using FakeRiver.Scenarios.Model;

namespace FakeRiver.Scenarios.Running;

/// <summary>
/// Expectations written for virtual time, loosened for a run on real time: latency budgets get slack for real
/// sockets, another process and a loaded machine; everything else (statuses, attempts, webhooks, callbacks, stream
/// invariants, contracts) is checked as written.
/// </summary>
internal static class RealTimeExpectations
{
    /// <summary>Added to every latency budget (TTFT and end to end).</summary>
    public const int LatencySlackMs = 1000;

    public static Scenario Relax(Scenario scenario) => scenario with
    {
        Expect = scenario.Expect with
        {
            TtftMsMax = scenario.Expect.TtftMsMax + LatencySlackMs,
            E2eMsMax = scenario.Expect.E2eMsMax + LatencySlackMs,
        },
    };
}
