using FakeRiver.Testing;
using FakeRiver.Workflows;

namespace FakeRiver.Scenarios.Model;

/// <summary>One scripted story (docs/ARCHITECTURE.md 5): a workflow, a client's behaviour, webhook faults and what must happen.</summary>
public sealed record Scenario
{
    /// <summary>Unique name; reports, transcripts and <c>--filter</c> use it.</summary>
    public required string Name { get; init; }

    /// <summary>What the story shows, in a sentence.</summary>
    public string Description { get; init; } = "";

    /// <summary>Seed of FakeRiver's ids, tokens and simulated output; the same seed replays byte for byte.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>File the scenario came from (reports name it).</summary>
    public required string Source { get; init; }

    /// <summary>The workflow FakeRiver runs for the request.</summary>
    public required WorkflowDefinition Workflow { get; init; }

    /// <summary>What the browser does.</summary>
    public ScenarioClient Client { get; init; } = new();

    /// <summary>Faults injected into the webhook deliveries.</summary>
    public WebhookFaultPlan Webhook { get; init; } = new();

    /// <summary>What must have happened.</summary>
    public ScenarioExpect Expect { get; init; } = new();

    /// <summary>Event-driven webhooks carry a callback URL on another origin (a trap counting requests with the key).</summary>
    public bool ForgeCallbackUrl { get; init; }

    /// <summary>Restart the backend between the first delivery and its duplicate (needs <c>duplicate_delivery</c>).</summary>
    public bool RestartBackend { get; init; }

    /// <summary>The fault plan FakeRiver runs with, completed by the world: where the trap is and how to restart the backend.</summary>
    public WebhookFaultPlan WebhookPlan(string trapBase, Func<CancellationToken, Task>? restartBackend) => Webhook with
    {
        ForgedCallbackBase = ForgeCallbackUrl ? trapBase : null,
        BeforeDuplicate = RestartBackend ? restartBackend : null,
    };

    /// <summary>
    /// What the scenario needs from the world (<c>requires</c>): <see cref="VirtualTimeRequirement"/> = it only makes
    /// sense when time can be moved (minutes of streaming, 30 s heartbeats); on real time it is skipped, not failed.
    /// </summary>
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary>The <c>requires</c> entry of scenarios that only run on virtual time.</summary>
    public const string VirtualTimeRequirement = "virtual_time";
}
