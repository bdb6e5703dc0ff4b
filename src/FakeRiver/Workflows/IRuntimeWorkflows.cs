namespace FakeRiver.Workflows;

/// <summary>
/// Where run-time workflow definitions (<c>PUT /__admin/workflows/{name}</c>) are kept: in this process
/// (<see cref="LocalRuntimeWorkflows"/>, the default) or in Redis for every node of a cluster (docs/ARCHITECTURE.md
/// 2.1). Either way <see cref="LiveWorkflows"/> is what requests read, once <see cref="RefreshAsync"/> has run.
/// </summary>
internal interface IRuntimeWorkflows
{
    /// <summary>Brings <see cref="LiveWorkflows"/> up to date: every change acknowledged before this call is in it after.</summary>
    ValueTask RefreshAsync();

    /// <summary>Adds or replaces a definition; <paramref name="text"/> is the body it was read from. False at the bound.</summary>
    ValueTask<bool> PutAsync(string? project, WorkflowDefinition workflow, string text);

    /// <summary>Removes a definition of exactly this scope; false when there is none.</summary>
    ValueTask<bool> RemoveAsync(string? project, string name);

    /// <summary>Forgets the definitions of one project (null: all of them).</summary>
    ValueTask ResetAsync(string? project);
}
