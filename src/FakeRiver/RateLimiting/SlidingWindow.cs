using FakeRiver.Workflows;

namespace FakeRiver.RateLimiting;

/// <summary>
/// A sliding-window log: the instants of the requests admitted in the last window. It never holds more than
/// <see cref="RateLimitRule.Requests"/> instants, so its memory is bounded by the rule. Not thread-safe: the
/// limiter locks around it.
/// </summary>
internal sealed class SlidingWindow(RateLimitRule rule)
{
    private readonly Queue<DateTimeOffset> _admitted = new(Math.Min(rule.Requests, 1024));

    public RateLimitRule Rule { get; } = rule;

    /// <summary>Null when a request may be admitted at <paramref name="now"/>, else how long until one may.</summary>
    public TimeSpan? WaitAt(DateTimeOffset now)
    {
        while (_admitted.Count > 0 && _admitted.Peek() + Rule.Window <= now) _admitted.Dequeue();
        return _admitted.Count < Rule.Requests ? null : _admitted.Peek() + Rule.Window - now;
    }

    public void Admit(DateTimeOffset now) => _admitted.Enqueue(now);

    /// <summary>True when nothing admitted is still inside the window at <paramref name="now"/>.</summary>
    public bool IsEmptyAt(DateTimeOffset now) => WaitAt(now) is null && _admitted.Count == 0;

    public void Clear() => _admitted.Clear();
}
