namespace FakeRiver.Requests;

/// <summary>
/// Faults waiting to be taken by the next matching requests. A request takes every fault of its workflow and
/// project at once, when it is accepted; a fault is gone when its last use is taken. Bounded; thread-safe.
/// </summary>
internal sealed class FaultStore : IFaultStore
{
    /// <summary>Most faults waiting at once (all projects together).</summary>
    public const int MaxFaults = 1000;

    private readonly Lock _gate = new();
    private readonly List<(RuntimeFault Fault, int Left)> _faults = [];

    /// <summary>False when the bound is reached (and nothing changed).</summary>
    public bool Add(RuntimeFault fault)
    {
        lock (_gate)
        {
            if (_faults.Count >= MaxFaults) return false;
            _faults.Add((fault, fault.Times));
            return true;
        }
    }

    /// <summary>The faults a scope sees, oldest first, each with the uses it has left.</summary>
    public IReadOnlyList<(RuntimeFault Fault, int Left)> List(string? project)
    {
        lock (_gate) return [.. _faults.Where(f => project is null || f.Fault.Project == project)];
    }

    /// <summary>Removes a fault the scope sees; false when there is none with that id.</summary>
    public bool Remove(string? project, string id)
    {
        lock (_gate) return _faults.RemoveAll(f => f.Fault.Id == id && (project is null || f.Fault.Project == project)) > 0;
    }

    /// <summary>Takes one use of every fault for a request of <paramref name="workflow"/> in <paramref name="project"/>.</summary>
    public IReadOnlyList<RuntimeFault> Take(string project, string workflow)
    {
        lock (_gate)
        {
            if (_faults.Count == 0) return [];
            var taken = new List<RuntimeFault>();
            for (var i = 0; i < _faults.Count; i++)
            {
                var (fault, left) = _faults[i];
                if (fault.Workflow != workflow || (fault.Project is not null && fault.Project != project)) continue;
                taken.Add(fault);
                _faults[i] = (fault, left - 1);
            }
            _faults.RemoveAll(f => f.Left <= 0);
            return taken;
        }
    }

    /// <summary>Forgets the faults of one project (null: all).</summary>
    public void Reset(string? project)
    {
        lock (_gate) _faults.RemoveAll(f => project is null || f.Fault.Project == project);
    }

    ValueTask<bool> IFaultStore.AddAsync(RuntimeFault fault) => ValueTask.FromResult(Add(fault));

    ValueTask<IReadOnlyList<(RuntimeFault Fault, int Left)>> IFaultStore.ListAsync(string? project) => ValueTask.FromResult(List(project));

    ValueTask<bool> IFaultStore.RemoveAsync(string? project, string id) => ValueTask.FromResult(Remove(project, id));

    ValueTask<IReadOnlyList<RuntimeFault>> IFaultStore.TakeAsync(string project, string workflow) => ValueTask.FromResult(Take(project, workflow));

    ValueTask IFaultStore.ResetAsync(string? project)
    {
        Reset(project);
        return ValueTask.CompletedTask;
    }
}
