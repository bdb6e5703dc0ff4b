using FakeRiver.Admin;
using FakeRiver.Api;
using FakeRiver.Cluster;
using FakeRiver.Cors;
using FakeRiver.Observability;
using FakeRiver.Phoenix;
using FakeRiver.Pipeline;
using FakeRiver.Providers;
using FakeRiver.Providers.OpenAi;
using FakeRiver.Providers.Replay;
using FakeRiver.RateLimiting;
using FakeRiver.Requests;
using FakeRiver.StructuredOutput;
using FakeRiver.Sync;
using FakeRiver.Webhooks;
using FakeRiver.Workflows;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FakeRiver.Hosting;

/// <summary>
/// Composition of FakeRiver, in the order a request flows (docs/ARCHITECTURE.md 2): API -> requests -> pipeline ->
/// providers -> structured output -> webhooks / Phoenix channel -> admin.
/// </summary>
public static class FakeRiverSetup
{
    /// <summary>
    /// Adds FakeRiver's services: options bound from the <c>FakeRiver</c> section of <paramref name="configuration"/>
    /// (MODELRIVER_API_KEY and WEBHOOK_SECRET override key and secret) and validated at start-up, the request registry,
    /// pipeline, providers, webhooks, Phoenix socket and admin journals. Map the endpoints with <see cref="MapFakeRiver"/>.
    /// </summary>
    public static IServiceCollection AddFakeRiver(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FakeRiverOptions>()
            .Bind(configuration.GetSection(FakeRiverOptions.Section))
            .PostConfigure(options => ApplyEnvironment(options, configuration))
            .PostConfigure(options => FakeRiverCors.ReadCommaSeparated(options.Cors, configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FakeRiverOptions>, FakeRiverOptionsValidator>();

        // Tests replace this with a FakeTimeProvider shared by both apps.
        services.TryAddSingleton(TimeProvider.System);
        // Seeded ids only when determinism is asked for (an explicit FakeRiver:Seed; the scenario runner sets one).
        // Cluster nodes never share a seed: they would draw the same channel ids and tokens.
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<FakeRiverOptions>>().Value.Seed is int seed && !ClusterSetup.IsCluster(sp)
            ? RandomSource.Seeded(seed)
            : RandomSource.Secure());

        // Workflows (the YAML file, or the embedded defaults)
        services.AddWorkflows();
        // Api
        services.AddSingleton<ProjectKeys>();
        services.AddSingleton<ApiKeyAuth>();
        services.AddSingleton<JsonBodyReader>();
        services.AddSingleton<AsyncRequestParser>();
        services.AddSingleton<CallbackHandler>();
        services.AddSingleton<GatewayRateLimiter>();
        services.AddFakeRiverCors();
        // Requests
        services.AddSingleton<RequestRegistry>();
        services.AddSingleton<WsTokenStore>();
        // The shared-state interfaces: in memory, or in Redis when FakeRiver:Redis is set (docs/ARCHITECTURE.md 2.1).
        services.AddClusterState();
        services.AddSingleton<RequestFactory>();
        // Pipeline
        services.AddSingleton<BackgroundWork>();
        services.AddSingleton<PipelineRunner>();
        services.AddSingleton<FailoverRouter>();
        services.AddSingleton<RequestFinisher>();
        services.AddSingleton<OutputGate>();
        services.AddSingleton<StreamingSchemaGate>();
        services.AddSingleton<CanonicalCompletion>();
        // Providers
        services.AddSingleton<ProviderCatalog>();
        services.AddSingleton<SimulatedOutput>();
        services.AddSingleton<PaceScheduler>();
        services.AddSingleton<IModelProvider, SimulatedProvider>();
        services.AddHttpClient(OpenAiProvider.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<IModelProvider, OpenAiProvider>();
        services.AddSingleton<IModelProvider, ReplayProvider>();
        // Structured output
        services.AddSingleton<OutputValidator>();
        // Phoenix channel
        services.AddPhoenix();
        // Webhooks
        services.AddWebhooks();
        services.AddSingleton<IWebhookNotifier, WebhookNotifier>();
        // Admin (and the OpenAPI document of every endpoint)
        services.AddOpenApi();
        services.AddSingleton<CallbackJournal>();
        services.AddSingleton<FaultStore>();
        services.AddAdminReset<RequestRegistry>(s => s.Clear, s => p => s.RemoveProject(p.ProjectId));
        services.AddAdminReset<IWsTokenStore>(s => s.Clear, s => p => s.RemoveProject(p.ProjectId));
        services.AddAdminReset<CallbackJournal>(s => s.Clear, s => p => s.RemoveChannels(p.ChannelIds));
        services.AddAdminReset<PhoenixJournal>(s => s.Clear, s => p => s.RemoveChannels(p.ChannelIds));
        services.AddAdminReset<WebhookJournal>(s => s.Clear, s => p => s.RemoveChannels(p.ChannelIds));
        services.AddAdminReset<LiveWorkflows>(s => () => s.Reset(null), s => p => s.Reset(p.ProjectId));
        services.AddAdminReset<FaultStore>(s => () => s.Reset(null), s => p => s.Reset(p.ProjectId));
        services.AddAdminReset<GatewayRateLimiter>(s => s.Clear, s => p => s.RemoveProject(p.ProjectId));
        services.AddRiverObservability(configuration);
        services.AddAdminReset<RiverEventFeed>(s => s.Clear, s => p => s.RemoveChannels(p.ChannelIds));
        return services;
    }

    /// <summary>
    /// Maps the async API (<c>/v1/ai/async</c>, callback, reconnect), the Phoenix socket (<c>/socket</c>) and <c>/__admin</c>,
    /// after loading the workflow file so a bad file stops start-up. Call <c>UseWebSockets()</c> before.
    /// </summary>
    public static IEndpointRouteBuilder MapFakeRiver(this IEndpointRouteBuilder endpoints)
    {
        // Load the workflow file now: a bad file stops start-up with file:line:field errors, not the first request.
        _ = endpoints.ServiceProvider.GetRequiredService<WorkflowCatalog>();
        // The public API in one group, so CORS (when configured) covers it and nothing else.
        var publicApi = endpoints.MapGroup("");
        AsyncEndpoints.Map(publicApi);
        SyncEndpoints.Map(publicApi);
        ReconnectEndpoints.Map(publicApi);
        CallbackEndpoints.Map(publicApi);
        FakeRiverCors.Apply(publicApi, endpoints.ServiceProvider);
        AdminEndpoints.Map(endpoints);
        WorkflowAdminEndpoints.Map(endpoints);
        endpoints.MapOpenApi("/__admin/openapi/{documentName}.json");
        FaultAdminEndpoints.Map(endpoints);
        endpoints.MapRiverObservability();
        endpoints.MapWebhookAdmin();
        endpoints.MapPhoenix();
        // No MapFallback: it would also catch a known path with the wrong method, which routing answers 405 (with
        // Allow). Unmatched paths get their 404 envelope from the status-code page in FakeRiverApp.
        return endpoints;
    }

    /// <summary>MODELRIVER_API_KEY and WEBHOOK_SECRET win over the config section, so one .env serves every process.</summary>
    private static void ApplyEnvironment(FakeRiverOptions options, IConfiguration configuration)
    {
        var apiKey = configuration["MODELRIVER_API_KEY"];
        // No key configured at all: a shared dev server, where each test suite's own mr_test_ key is its project.
        options.OpenKeys ??= string.IsNullOrWhiteSpace(apiKey) && options.ApiKeys.Count == 0;
        if (!string.IsNullOrWhiteSpace(apiKey)) options.ApiKeys = [apiKey];
        else if (options.ApiKeys.Count == 0) options.ApiKeys = [DevDefaults.ApiKey];

        var secret = configuration["WEBHOOK_SECRET"];
        if (!string.IsNullOrEmpty(secret)) options.WebhookSecret = secret;

        // --config <file> on the command line, or FAKERIVER_CONFIG, when the section does not name one.
        var configPath = configuration["config"] is { Length: > 0 } cli ? cli : configuration["FAKERIVER_CONFIG"];
        if (!string.IsNullOrWhiteSpace(configPath) && string.IsNullOrWhiteSpace(options.ConfigPath)) options.ConfigPath = configPath;
    }
}
