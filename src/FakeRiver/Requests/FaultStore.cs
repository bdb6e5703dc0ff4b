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

    // In one process every operation completes at once: the ValueTasks of IFaultStore are already done.

    /// <inheritdoc/>
    public ValueTask<bool> AddAsync(RuntimeFault fault)
    {
        lock (_gate)
        {
            if (_faults.Count >= MaxFaults) return ValueTask.FromResult(false);
            _faults.Add((fault, fault.Times));
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<(RuntimeFault Fault, int Left)>> ListAsync(string? project)
    {
        lock (_gate) return ValueTask.FromResult<IReadOnlyList<(RuntimeFault, int)>>([.. _faults.Where(f => project is null || f.Fault.Project == project)]);
    }

    /// <inheritdoc/>
    public ValueTask<bool> RemoveAsync(string? project, string id)
    {
        lock (_gate) return ValueTask.FromResult(_faults.RemoveAll(f => f.Fault.Id == id && (project is null || f.Fault.Project == project)) > 0);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<RuntimeFault>> TakeAsync(string project, string workflow) => ValueTask.FromResult(Take(project, workflow));

    /// <inheritdoc/>
    public ValueTask ResetAsync(string? project)
    {
        Reset(project);
        return ValueTask.CompletedTask;
    }

    private IReadOnlyList<RuntimeFault> Take(string project, string workflow)
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
}
