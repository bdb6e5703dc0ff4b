using FakeRiver.Requests;
using FakeRiver.Workflows;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FakeRiver;

/// <summary>Composition of FakeRiver: services (<see cref="AddFakeRiver"/>) and endpoints (<see cref="MapFakeRiver"/>).</summary>
public static class FakeRiverSetup
{
    public static IServiceCollection AddFakeRiver(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FakeRiverOptions>()
            .Bind(configuration.GetSection(FakeRiverOptions.Section))
            .PostConfigure(options => ApplyEnvironment(options, configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FakeRiverOptions>, FakeRiverOptionsValidator>();

        // Tests replace this with a FakeTimeProvider shared by both apps.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new RandomSource(sp.GetRequiredService<IOptions<FakeRiverOptions>>().Value.Seed));
        services.TryAddSingleton<RequestRegistry>();
        services.TryAddSingleton<WsTokenStore>();
        services.AddWorkflows();
        return services;
    }

    public static IEndpointRouteBuilder MapFakeRiver(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }

    /// <summary>MODELRIVER_API_KEY and WEBHOOK_SECRET win over the config section, so one .env serves every process.</summary>
    private static void ApplyEnvironment(FakeRiverOptions options, IConfiguration configuration)
    {
        var apiKey = configuration["MODELRIVER_API_KEY"];
        if (!string.IsNullOrWhiteSpace(apiKey)) options.ApiKeys = [apiKey];
        else if (options.ApiKeys.Count == 0) options.ApiKeys = [DevDefaults.ApiKey];

        var secret = configuration["WEBHOOK_SECRET"];
        if (!string.IsNullOrEmpty(secret)) options.WebhookSecret = secret;

        var configPath = configuration["FAKERIVER_CONFIG"];
        if (!string.IsNullOrWhiteSpace(configPath) && string.IsNullOrWhiteSpace(options.ConfigPath)) options.ConfigPath = configPath;
    }
}
