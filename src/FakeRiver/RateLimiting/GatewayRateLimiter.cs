using System.Globalization;
using FakeRiver.Workflows;
using Microsoft.Extensions.Options;

namespace FakeRiver.RateLimiting;

/// <summary>
/// The gateway's own rate limits (README "Rate limits"): a sliding window per project (<c>FakeRiver:RateLimit</c>)
/// and one per project and workflow whose definition sets <c>rate_limit</c> (file or run-time workflows alike), all on
/// the injected clock. A request is admitted only when every window that applies has room, and only an admitted
/// request counts. Over the limit: 429 <c>rate_limit_exceeded</c> with <c>Retry-After</c> = whole seconds until the
/// fullest window has room again. Bounded: each window holds at most its rule's N instants, and at most
/// <see cref="MaxWindows"/> windows are kept (windows with nothing left in them go first).
/// </summary>
internal sealed class GatewayRateLimiter(IOptions<FakeRiverOptions> options, TimeProvider time)
{
    public const int MaxWindows = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Project, string? Workflow), SlidingWindow> _windows = [];

    /// <summary>Null when the request is admitted (and counted), else the 429 answer.</summary>
    public IResult? TryAcquire(string projectId, WorkflowDefinition workflow)
    {
        var limit = options.Value.RateLimit;
        var projectRule = limit.Requests > 0 ? new RateLimitRule(limit.Requests, limit.WindowSeconds) : null;
        if (projectRule is null && workflow.RateLimit is null) return null;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var project = projectRule is null ? null : Window((projectId, null), projectRule, now);
            var own = workflow.RateLimit is { } rule ? Window((projectId, workflow.Name), rule, now) : null;
            var projectWait = project?.WaitAt(now);
            var workflowWait = own?.WaitAt(now);
            if (projectWait is null && workflowWait is null)
            {
                project?.Admit(now);
                own?.Admit(now);
                return null;
            }
            var byWorkflow = (workflowWait ?? TimeSpan.Zero) > (projectWait ?? TimeSpan.Zero);
            var (scope, applied, wait) = byWorkflow
                ? ($"workflow '{workflow.Name}'", own!.Rule, workflowWait!.Value)
                : ("project", project!.Rule, projectWait!.Value);
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            var message = $"Rate limit exceeded for {scope}: {applied.Requests} requests per {applied.WindowSeconds} s; retry after {seconds} s";
            return new HeaderResult(ApiErrors.RateLimited(message), [new("Retry-After", seconds.ToString(CultureInfo.InvariantCulture))]);
        }
    }

    public void Clear()
    {
        lock (_gate) _windows.Clear();
    }

    public void RemoveProject(string projectId)
    {
        lock (_gate)
        {
            foreach (var key in _windows.Keys.Where(k => k.Project == projectId).ToList()) _windows.Remove(key);
        }
    }

    /// <summary>The window for a key, made (or remade, when its rule changed at run time) on demand.</summary>
    private SlidingWindow Window((string, string?) key, RateLimitRule rule, DateTimeOffset now)
    {
        if (_windows.TryGetValue(key, out var window) && window.Rule == rule) return window;
        if (window is null && _windows.Count >= MaxWindows) MakeRoom(now);
        return _windows[key] = new SlidingWindow(rule);
    }

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var idle in _windows.Where(w => w.Value.IsEmptyAt(now)).Select(w => w.Key).ToList()) _windows.Remove(idle);
        // Still full of busy windows: drop one; its caller gets a fresh budget, the bound holds.
        if (_windows.Count >= MaxWindows) _windows.Remove(_windows.Keys.First());
    }
}
