namespace FakeRiver.Workflows;

/// <summary>At most <see cref="Requests"/> accepted requests in any <see cref="WindowSeconds"/>-second window.</summary>
public sealed record RateLimitRule(int Requests, int WindowSeconds)
{
    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
