namespace FakeRiver.Workflows;

/// <summary>Run-time workflows of one process: <see cref="LiveWorkflows"/> itself holds them, nothing to refresh.</summary>
internal sealed class LocalRuntimeWorkflows(LiveWorkflows live) : IRuntimeWorkflows
{
    public ValueTask RefreshAsync() => ValueTask.CompletedTask;

    public ValueTask<bool> PutAsync(string? project, WorkflowDefinition workflow, string text) =>
        ValueTask.FromResult(live.Put(project, workflow));

    public ValueTask<bool> RemoveAsync(string? project, string name) => ValueTask.FromResult(live.Remove(project, name));

    public ValueTask ResetAsync(string? project)
    {
        live.Reset(project);
        return ValueTask.CompletedTask;
    }
}
