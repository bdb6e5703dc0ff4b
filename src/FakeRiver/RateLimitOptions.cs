namespace FakeRiver;

/// <summary>The project-wide limit (<c>FakeRiver:RateLimit</c>). <value>Off (0 requests) by default.</value></summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests admitted per window; 0 turns the project limit off.</summary>
    public int Requests { get; set; }

    /// <summary>Length of the sliding window in seconds. <value>60.</value></summary>
    public int WindowSeconds { get; set; } = 60;
}
