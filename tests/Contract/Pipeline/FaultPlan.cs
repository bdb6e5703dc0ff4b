namespace Contract.Pipeline;

/// <summary>A generated failover scenario: 1-4 providers with faults, and the workflow's on_invalid mode.</summary>
public sealed record FaultPlan(IReadOnlyList<ProviderPlan> Providers, string OnInvalid)
{
    public string WorkflowYaml() => FailoverHarness.Workflow(
        string.Join("\n", Providers.Select((p, i) => p.Yaml(i + 1))), $"    on_invalid: {OnInvalid}");

    /// <summary>What docs/ARCHITECTURE.md 3.7-3.8 say must happen: the attempts in order and whether the request succeeds.</summary>
    public (IReadOnlyList<(string Status, string? Reason, string Provider)> Attempts, bool Success, bool OfflineFallback) Expected()
    {
        var attempts = new List<(string, string?, string)>();
        for (var i = 0; i < Providers.Count; i++)
        {
            var plan = Providers[i];
            var name = $"p{i + 1}";
            if (plan.Kind == "ok") return ([.. attempts, ("success", null, name)], true, false);
            if (plan.Kind == "invalid" && OnInvalid == "merge") return ([.. attempts, ("success", "merged_with_generated_values", name)], true, false);
            attempts.Add(("error", plan.Reason, name));
        }
        return (attempts, OnInvalid == "offline_fallback", OnInvalid == "offline_fallback");
    }

    public override string ToString() => $"[{string.Join(", ", Providers)}] on_invalid={OnInvalid}";
}
