using ChatBackend.Api;
using ChatBackend.Conversations;
using ChatBackend.Gateway;
using ChatBackend.Page;
using ChatBackend.Storage;
using ChatBackend.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBackend;

/// <summary>Composition of ChatBackend: services (<see cref="AddChatBackend"/>) and endpoints (<see cref="MapChatBackend"/>).</summary>
public static class ChatBackendSetup
{
    public static IServiceCollection AddChatBackend(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChatBackendOptions>()
            .Bind(configuration.GetSection(ChatBackendSettings.Section))
            .Configure(options => ChatBackendSettings.Apply(options, configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChatBackendOptions>, ChatBackendOptionsValidator>();

        // Tests replace this with a FakeTimeProvider (record timestamps, metadata.timestamp, the callback timeout).
        services.TryAddSingleton(TimeProvider.System);
        // One SQLite file (CHATBACKEND_DB) behind the three stores; schema and pruning at start-up.
        services.TryAddSingleton<ChatDatabase>();
        services.AddHostedService(provider => provider.GetRequiredService<ChatDatabase>());
        services.TryAddSingleton<IPendingRequestStore, SqlitePendingRequestStore>();
        services.TryAddSingleton<StartingRequests>();
        services.TryAddSingleton<IConversationStore, SqliteConversationStore>();
        services.TryAddSingleton<IProcessedWebhookStore, SqliteProcessedWebhookStore>();
        services.AddHostedService<WebhookSecurityReport>();
        services.TryAddTransient<WebhookProcessor>();
        // Named, so tests (and FakeRiver's dev mode) can swap the primary handler of every gateway call.
        services.AddHttpClient<ModelRiverClient>(ModelRiverClient.HttpClientName);

        // The example runs cors() with its defaults: any origin, any method.
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod()));
        return services;
    }

    public static IEndpointRouteBuilder MapChatBackend(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapChatEndpoints();
        endpoints.MapReconnectEndpoints();
        endpoints.MapChatPage();
        endpoints.MapWebhookEndpoints();
        endpoints.MapConversationEndpoints();
        endpoints.MapHealthEndpoints();
        return endpoints;
    }
}
