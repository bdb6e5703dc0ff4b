namespace FakeRiver.Requests;

/// <summary>
/// Where faults of <c>/__admin/faults</c> wait: in this process (<see cref="FaultStore"/>, the default) or in Redis,
/// shared by every node of a cluster, where each use is taken exactly once cluster-wide (docs/ARCHITECTURE.md 2.1).
/// </summary>
internal interface IFaultStore
{
    /// <summary>False when the bound is reached (and nothing changed).</summary>
    ValueTask<bool> AddAsync(RuntimeFault fault);

    /// <summary>The faults a scope sees, oldest first, each with the uses it has left.</summary>
    ValueTask<IReadOnlyList<(RuntimeFault Fault, int Left)>> ListAsync(string? project);

    /// <summary>Removes a fault the scope sees; false when there is none with that id.</summary>
    ValueTask<bool> RemoveAsync(string? project, string id);

    /// <summary>Takes one use of every fault for a request of <paramref name="workflow"/> in <paramref name="project"/>.</summary>
    ValueTask<IReadOnlyList<RuntimeFault>> TakeAsync(string project, string workflow);

    /// <summary>Forgets the faults of one project (null: all).</summary>
    ValueTask ResetAsync(string? project);
}
