namespace FakeRiver.Workflows;

/// <summary>The workflows FakeRiver serves, by name. Immutable once loaded.</summary>
public sealed class WorkflowCatalog(IEnumerable<WorkflowDefinition> workflows)
{
    private readonly Dictionary<string, WorkflowDefinition> _byName =
        workflows.ToDictionary(w => w.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<WorkflowDefinition> All => _byName.Values;

    public bool TryGet(string name, out WorkflowDefinition workflow) =>
        _byName.TryGetValue(name, out workflow!);
}
