using FakeRiver.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace FakeRiver.Testing;

/// <summary>
/// How <see cref="FakeRiverServer.StartAsync(Action{FakeRiverServerOptions}?, CancellationToken)"/> builds FakeRiver.
/// Every default is FakeRiver's own (the embedded workflows, the documented development key and secret, seed 42),
/// in memory, on the system clock. Checked when the server starts.
/// </summary>
public sealed class FakeRiverServerOptions
{
    /// <summary>Where virtual time starts unless <see cref="UseVirtualTime"/> says otherwise: 2026-01-05 10:00 UTC.</summary>
    public static readonly DateTimeOffset DefaultEpoch = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private readonly List<Func<string, HttpMessageHandler?>> _routes = [];

    /// <summary>In memory (the default) or real loopback.</summary>
    public FakeRiverTransport Transport { get; set; } = FakeRiverTransport.InMemory;

    /// <summary>The bearer key FakeRiver accepts. <value>The documented development key.</value></summary>
    public string ApiKey { get; set; } = DevDefaults.ApiKey;

    /// <summary>The secret webhooks are signed with. <value>The documented development secret.</value></summary>
    public string WebhookSecret { get; set; } = DevDefaults.WebhookSecret;

    /// <summary>The project every request belongs to. <value>The documented development project.</value></summary>
    public string ProjectId { get; set; } = DevDefaults.ProjectId;

    /// <summary>Seed of ids, tokens and simulated output: the same seed gives the same bytes. <value>42.</value></summary>
    public int Seed { get; set; } = 42;

    /// <summary>The webhook endpoint "configured in the console", used when a request names no <c>webhook_url</c>.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The address in-memory clients use (FakeRiver builds callback and socket URLs from it). <value>http://localhost/.</value></summary>
    public Uri InMemoryBaseAddress { get; set; } = new("http://localhost/");

    /// <summary>A workflow file's text (the format of FakeRiver's <c>--config</c> file); replaces the embedded workflows.</summary>
    public string? WorkflowsYaml { get; set; }

    /// <summary>Workflows built in code; when any are given they replace the embedded workflows.</summary>
    public List<WorkflowDefinition> Workflows { get; } = [];

    /// <summary>Any other FakeRiver setting by configuration key, e.g. <c>FakeRiver:CallbackTimeout</c> = <c>00:00:10</c>.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Webhook faults to inject (bad signatures, refused attempts, a duplicate delivery). <value>None.</value></summary>
    public WebhookFaultPlan WebhookFaults { get; set; } = new();

    /// <summary>FakeRiver's clock; null is the system clock. <see cref="UseVirtualTime"/> sets a <see cref="FakeTimeProvider"/>.</summary>
    public TimeProvider? Clock { get; set; }

    /// <summary>
    /// The primary handler of every HTTP call FakeRiver makes (webhooks, an OpenAI-compatible upstream). Null routes
    /// the hosts given to <see cref="RouteHost(string, HttpMessageHandler)"/> in memory and loopback hosts over the
    /// network, and refuses the rest.
    /// </summary>
    public Func<HttpMessageHandler>? OutboundHandler { get; set; }

    /// <summary>Runs after FakeRiver's services are registered: replace or add services here.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Logging set-up; null keeps FakeRiver silent (no console noise in test output).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>The in-memory routes, in the order they are tried.</summary>
    internal IReadOnlyList<Func<string, HttpMessageHandler?>> Routes => _routes;

    /// <summary>Runs FakeRiver on a <see cref="FakeTimeProvider"/> that moves only when the test advances it.</summary>
    /// <param name="start">The first instant; <see cref="DefaultEpoch"/> when null.</param>
    public FakeRiverServerOptions UseVirtualTime(DateTimeOffset? start = null)
    {
        Clock = new FakeTimeProvider(start ?? DefaultEpoch) { AutoAdvanceAmount = TimeSpan.Zero };
        return this;
    }

    /// <summary>
    /// Delivers FakeRiver's HTTP calls to <paramref name="host"/> (webhooks to <c>http://backend.test/...</c>, say) to
    /// <paramref name="handler"/> in memory, e.g. a TestServer's <c>CreateHandler()</c>. The caller owns the handler.
    /// </summary>
    /// <param name="host">A host name, compared case-insensitively.</param>
    /// <param name="handler">Answers those calls.</param>
    public FakeRiverServerOptions RouteHost(string host, HttpMessageHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentNullException.ThrowIfNull(handler);
        _routes.Add(name => string.Equals(name, host, StringComparison.OrdinalIgnoreCase) ? handler : null);
        return this;
    }

    /// <summary>As <see cref="RouteHost(string, HttpMessageHandler)"/> for hosts decided per call (null: not this route).</summary>
    /// <param name="resolve">The handler for a host name, or null.</param>
    public FakeRiverServerOptions RouteHosts(Func<string, HttpMessageHandler?> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        _routes.Add(resolve);
        return this;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiKey)) throw new ArgumentException("ApiKey must not be empty.", nameof(ApiKey));
        if (string.IsNullOrEmpty(WebhookSecret)) throw new ArgumentException("WebhookSecret must not be empty.", nameof(WebhookSecret));
        if (string.IsNullOrWhiteSpace(ProjectId)) throw new ArgumentException("ProjectId must not be empty.", nameof(ProjectId));
        if (!InMemoryBaseAddress.IsAbsoluteUri) throw new ArgumentException("InMemoryBaseAddress must be absolute.", nameof(InMemoryBaseAddress));
        if (WorkflowsYaml is not null && Workflows.Count > 0)
            throw new ArgumentException("Give workflows either as YAML (WorkflowsYaml) or in code (Workflows), not both.", nameof(Workflows));
        ArgumentNullException.ThrowIfNull(WebhookFaults);
    }
}
