namespace FakeRiver.Workflows;

/// <summary>
/// The workflows in force: those of the workflow file, overlaid by definitions put at run time through
/// <c>/__admin/workflows</c> — for every project, or for one. A request resolves its workflow once, when it is
/// accepted, so replacing a definition never changes a request already running. Bounded; thread-safe.
/// </summary>
internal sealed class LiveWorkflows(WorkflowCatalog file)
{
    /// <summary>Most run-time definitions kept at once (all projects together).</summary>
    public const int MaxDefinitions = 1000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Project, string Name), WorkflowDefinition> _runtime = [];
    private long _version;

    /// <summary>Grows with every change of the run-time definitions: a cluster copy reloads when it moved under it.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The file's workflows (and named structured outputs), as loaded at start-up.</summary>
    public WorkflowCatalog File => file;

    /// <summary>The definition a request of <paramref name="project"/> gets: its project's, else everyone's, else the file's.</summary>
    public bool TryGet(string? project, string name, out WorkflowDefinition workflow)
    {
        lock (_gate)
        {
            if (project is not null && _runtime.TryGetValue((project, name), out workflow!)) return true;
            if (_runtime.TryGetValue((Everyone, name), out workflow!)) return true;
        }
        return file.TryGet(name, out workflow);
    }

    /// <summary>The workflow <paramref name="project"/> gets under <paramref name="name"/> (null project: every project's shared view), with its source.</summary>
    public LiveWorkflow? Find(string? project, string name)
    {
        lock (_gate)
        {
            if (project is not null && _runtime.TryGetValue((project, name), out var own)) return new LiveWorkflow(own, LiveWorkflow.FromAdmin, project);
            if (_runtime.TryGetValue((Everyone, name), out var shared)) return new LiveWorkflow(shared, LiveWorkflow.FromAdmin, null);
        }
        return file.TryGet(name, out var fromFile) ? new LiveWorkflow(fromFile, LiveWorkflow.FromFile, null) : null;
    }

    /// <summary>Adds or replaces a run-time definition; false when the bound is reached (and nothing changed).</summary>
    public bool Put(string? project, WorkflowDefinition workflow)
    {
        lock (_gate)
        {
            var key = (project ?? Everyone, workflow.Name);
            if (!_runtime.ContainsKey(key) && _runtime.Count >= MaxDefinitions) return false;
            _runtime[key] = workflow;
            _version++;
            return true;
        }
    }

    /// <summary>Removes a run-time definition of exactly this scope; the file's definition (if any) applies again.</summary>
    public bool Remove(string? project, string name)
    {
        lock (_gate)
        {
            _version++;
            return _runtime.Remove((project ?? Everyone, name));
        }
    }

    /// <summary>
    /// Replaces every run-time definition at once (cluster mode: the copy read from Redis); returns the
    /// <see cref="Version"/> it leaves.
    /// </summary>
    public long ReplaceAll(IEnumerable<(string? Project, WorkflowDefinition Workflow)> definitions)
    {
        lock (_gate)
        {
            _runtime.Clear();
            foreach (var (project, workflow) in definitions) _runtime[(project ?? Everyone, workflow.Name)] = workflow;
            return ++_version;
        }
    }

    /// <summary>
    /// What a scope sees, by name: for a project, the definitions it gets; without one, the file's, the shared ones
    /// and every project's (each with its <see cref="LiveWorkflow.Project"/>).
    /// </summary>
    public IReadOnlyList<LiveWorkflow> List(string? project)
    {
        var result = new List<LiveWorkflow>();
        lock (_gate)
        {
            if (project is null)
            {
                result.AddRange(file.All.Select(w => new LiveWorkflow(w, LiveWorkflow.FromFile, null)));
                result.AddRange(_runtime.Select(e => new LiveWorkflow(e.Value, LiveWorkflow.FromAdmin, e.Key.Project == Everyone ? null : e.Key.Project)));
                return [.. result.OrderBy(w => w.Definition.Name, StringComparer.Ordinal).ThenBy(w => w.Project, StringComparer.Ordinal)];
            }
            foreach (var name in file.All.Select(w => w.Name).Concat(_runtime.Keys.Where(k => k.Project == Everyone || k.Project == project).Select(k => k.Name)).Distinct())
            {
                if (_runtime.TryGetValue((project, name), out var own)) result.Add(new LiveWorkflow(own, LiveWorkflow.FromAdmin, project));
                else if (_runtime.TryGetValue((Everyone, name), out var shared)) result.Add(new LiveWorkflow(shared, LiveWorkflow.FromAdmin, null));
                else if (file.TryGet(name, out var fromFile)) result.Add(new LiveWorkflow(fromFile, LiveWorkflow.FromFile, null));
            }
        }
        return [.. result.OrderBy(w => w.Definition.Name, StringComparer.Ordinal)];
    }

    /// <summary>Forgets the run-time definitions of one project (null: all of them).</summary>
    public void Reset(string? project)
    {
        lock (_gate)
        {
            _version++;
            if (project is null) _runtime.Clear();
            else foreach (var key in _runtime.Keys.Where(k => k.Project == project).ToList()) _runtime.Remove(key);
        }
    }

    // The scope of definitions put without a project; no project id can equal it (ids are UUIDs).
    private const string Everyone = "*";
}
