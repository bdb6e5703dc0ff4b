namespace FakeRiver;

/// <summary>
/// FakeRiver's settings. Bound from the "FakeRiver" configuration section; MODELRIVER_API_KEY and WEBHOOK_SECRET
/// override <see cref="ApiKeys"/> and <see cref="WebhookSecret"/> so one .env serves FakeRiver and a backend alike.
/// Validated at start-up by <see cref="FakeRiverOptionsValidator"/>.
/// </summary>
public sealed class FakeRiverOptions
{
    /// <summary>The configuration section FakeRiver binds: <c>FakeRiver</c> (e.g. <c>--FakeRiver:Seed=7</c>).</summary>
    public const string Section = "FakeRiver";

    /// <summary>Bearer keys accepted on the API. <value>The default is <see cref="DevDefaults.ApiKey"/>.</value></summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Keys that belong to another project: answered 403, as ModelRiver does.</summary>
    public List<string> ForeignApiKeys { get; set; } = [];

    /// <summary>HMAC secret for webhook signatures. <value>The default is <see cref="DevDefaults.WebhookSecret"/>.</value></summary>
    public string WebhookSecret { get; set; } = DevDefaults.WebhookSecret;

    /// <summary>Webhook endpoint configured "in the console": used when a request names no <c>webhook_url</c>.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>
    /// Accept any key starting with <c>mr_test_</c>, each as a project of its own (id derived from the key).
    /// <value>On in <c>dev</c>, and in <c>serve</c> when no key is configured; off otherwise.</value>
    /// </summary>
    public bool? OpenKeys { get; set; }

    /// <summary>The project the configured keys belong to.</summary>
    public string ProjectId { get; set; } = DevDefaults.ProjectId;

    /// <summary>Lifetime of a ws_token. <value>The default is 5 minutes.</value></summary>
    public TimeSpan TokenTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an event-driven request waits for the backend's callback. <value>5 minutes.</value></summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Per-attempt HTTP timeout of a webhook delivery. <value>30 seconds.</value></summary>
    public TimeSpan WebhookAttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Delays before the 2nd, 3rd, ... webhook attempt, each counted from the previous attempt.
    /// <value>5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h: eight attempts in all.</value>
    /// </summary>
    public List<TimeSpan> WebhookRetrySchedule { get; set; } = [];

    /// <summary>Multiplies every retry delay (0.001 turns minutes into milliseconds). <value>1.</value></summary>
    public double WebhookTimeScale { get; set; } = 1.0;

    /// <summary>Largest request body accepted; larger bodies get 413. <value>1 MiB.</value></summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Seed of ids, tokens and simulated output; set it when runs must repeat byte for byte. <value>Unset: ids and
    /// tokens come from a cryptographic generator and simulated output from seed 42.</value>
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>When set, every <c>/__admin</c> call needs <c>Authorization: Bearer</c> this token. <value>Unset.</value></summary>
    public string? AdminToken { get; set; }

    /// <summary>Cross-site and signing rules of the admin API.</summary>
    public AdminOptions Admin { get; set; } = new();

    /// <summary>Count and age limits of every store (requests, tokens, journals).</summary>
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>Workflow file (YAML); when empty the embedded defaults are used.</summary>
    public string? ConfigPath { get; set; }

    /// <summary>Accept the two-part topic <c>ai_response:{channel_id}</c> as an alias. <value>true.</value></summary>
    public bool AcceptChannelOnlyTopic { get; set; } = true;

    /// <summary>
    /// Cluster mode: a StackExchange.Redis connection string. When set, requests, ws_tokens, channel streams and
    /// leases live in Redis, so any node behind one address serves any request (docs/ARCHITECTURE.md 2.1).
    /// <value>Empty: one process, all state in memory.</value>
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Cluster mode: how long a node's lease on its requests lasts without renewal. <value>5 seconds.</value></summary>
    public TimeSpan ClusterLease { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Cluster mode: how long a finished request's record and stream stay in Redis. <value>10 minutes.</value></summary>
    public TimeSpan ClusterRetention { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The gateway's project-wide rate limit (sliding window); off by default. README "Rate limits".</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Origins allowed to call the public API from a browser (CORS); off by default. README "Settings".</summary>
    public CorsSettings Cors { get; set; } = new();

    /// <summary>The documented retry schedule of ModelRiver webhooks.</summary>
    public static IReadOnlyList<TimeSpan> DefaultRetrySchedule { get; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2),
    ];

    /// <summary>The effective retry delays: the configured schedule (or the default) times the time scale.</summary>
    public IReadOnlyList<TimeSpan> EffectiveRetryDelays() =>
        (WebhookRetrySchedule.Count > 0 ? WebhookRetrySchedule : DefaultRetrySchedule)
        .Select(d => TimeSpan.FromTicks((long)(d.Ticks * WebhookTimeScale)))
        .ToList();
}
