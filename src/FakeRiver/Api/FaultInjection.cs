using FakeRiver.Requests;
using FakeRiver.Workflows;

namespace FakeRiver.Api;

/// <summary>
/// Applies the run-time faults a request took: provider faults go into the request's own copy of its workflow (the
/// pipeline plays them like faults from the workflow file), webhook and callback faults ride on the request.
/// </summary>
internal static class FaultInjection
{
    public static (AsyncRequestSpec Spec, InjectedFaults Faults) Apply(AsyncRequestSpec spec, IReadOnlyList<RuntimeFault> taken)
    {
        if (taken.Count == 0) return (spec, InjectedFaults.None);
        var providers = spec.Workflow.Providers.ToArray();
        WebhookFault? webhook = null;
        CallbackFault? callback = null;
        foreach (var fault in taken)
        {
            // The index was checked against the workflow when the fault was added; a workflow replaced since may
            // have fewer providers, and then the fault has nothing to play on.
            if (fault.Provider is { } provider && fault.ProviderIndex < providers.Length)
                providers[fault.ProviderIndex] = providers[fault.ProviderIndex] with { Fault = provider };
            webhook = fault.Webhook ?? webhook;
            callback = fault.Callback ?? callback;
        }
        var workflow = spec.Workflow with { Providers = providers };
        return (spec with { Workflow = workflow }, webhook is null && callback is null ? InjectedFaults.None : new InjectedFaults(webhook, callback));
    }
}
