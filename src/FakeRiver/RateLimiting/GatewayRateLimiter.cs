using System.Globalization;
using FakeRiver.Workflows;
using Microsoft.Extensions.Options;

namespace FakeRiver.RateLimiting;

/// <summary>
/// The gateway's own rate limits (README "Rate limits"): one sliding window for the project
/// (<c>FakeRiver:RateLimit</c>) and one per workflow that sets <c>rate_limit</c>, both on the injected clock. A
/// request is admitted only when every window that applies has room, and only an admitted request counts. Over the
/// limit: 429 <c>rate_limit_exceeded</c> with <c>Retry-After</c> = whole seconds until the window has room again.
/// Windows exist only for configured rules (the project and the workflows of the file), so memory is bounded.
/// </summary>
public sealed class GatewayRateLimiter
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly SlidingWindow? _project;
    private readonly Dictionary<string, SlidingWindow> _workflows;

    public GatewayRateLimiter(IOptions<FakeRiverOptions> options, WorkflowCatalog catalog, TimeProvider time)
    {
        _time = time;
        var limit = options.Value.RateLimit;
        _project = limit.Requests > 0 ? new SlidingWindow(new RateLimitRule(limit.Requests, limit.WindowSeconds)) : null;
        _workflows = catalog.All.Where(w => w.RateLimit is not null)
            .ToDictionary(w => w.Name, w => new SlidingWindow(w.RateLimit!), StringComparer.Ordinal);
    }

    /// <summary>Null when the request is admitted (and counted), else the 429 answer.</summary>
    public IResult? TryAcquire(WorkflowDefinition workflow)
    {
        var workflowWindow = _workflows.GetValueOrDefault(workflow.Name);
        if (_project is null && workflowWindow is null) return null;
        var now = _time.GetUtcNow();
        string scope;
        TimeSpan wait;
        lock (_gate)
        {
            var projectWait = _project?.WaitAt(now);
            var workflowWait = workflowWindow?.WaitAt(now);
            if (projectWait is null && workflowWait is null)
            {
                _project?.Admit(now);
                workflowWindow?.Admit(now);
                return null;
            }
            (scope, wait) = (workflowWait ?? TimeSpan.Zero) > (projectWait ?? TimeSpan.Zero)
                ? ($"workflow '{workflow.Name}'", workflowWait!.Value)
                : ("project", projectWait!.Value);
        }
        var rule = scope == "project" ? _project!.Rule : workflowWindow!.Rule;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var message = $"Rate limit exceeded for {scope}: {rule.Requests} requests per {rule.WindowSeconds} s; retry after {seconds} s";
        return new HeaderResult(ApiErrors.RateLimited(message),
            [new("Retry-After", seconds.ToString(CultureInfo.InvariantCulture))]);
    }

    public void Clear()
    {
        lock (_gate)
        {
            _project?.Clear();
            foreach (var window in _workflows.Values) window.Clear();
        }
    }
}
