using System.Text.Json.Nodes;

namespace FakeRiver.Workflows;

/// <summary>The workflows FakeRiver serves, by name, and the named structured outputs they draw on. Immutable once loaded.</summary>
internal sealed class WorkflowCatalog(
    IEnumerable<WorkflowDefinition> workflows,
    IReadOnlyDictionary<string, JsonObject>? structuredOutputs = null)
{
    private readonly Dictionary<string, WorkflowDefinition> _byName =
        workflows.ToDictionary(w => w.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<WorkflowDefinition> All => _byName.Values;

    /// <summary>Compiled JSON Schemas under <c>structured_outputs</c>, by name (scenarios may refer to them).</summary>
    public IReadOnlyDictionary<string, JsonObject> StructuredOutputs { get; } =
        structuredOutputs ?? new Dictionary<string, JsonObject>(StringComparer.Ordinal);

    public bool TryGet(string name, out WorkflowDefinition workflow) =>
        _byName.TryGetValue(name, out workflow!);
}
