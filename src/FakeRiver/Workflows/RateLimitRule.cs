namespace FakeRiver.Workflows;

/// <summary>At most <see cref="Requests"/> accepted requests in any <see cref="WindowSeconds"/>-second window.</summary>
public sealed record RateLimitRule(int Requests, int WindowSeconds)
{
    /// <summary>The window as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
