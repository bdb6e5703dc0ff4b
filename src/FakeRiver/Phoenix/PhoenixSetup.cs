using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FakeRiver.Phoenix;

/// <summary>Composition of the Phoenix Channels socket and its admin view.</summary>
internal static class PhoenixSetup
{
    public static IServiceCollection AddPhoenix(this IServiceCollection services)
    {
        services.AddOptions<PhoenixOptions>().BindConfiguration(PhoenixOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PhoenixOptions>, PhoenixOptionsValidator>();
        services.TryAddSingleton<PhoenixJournal>();
        services.TryAddSingleton<JoinAuthorizer>();
        return services;
    }

    /// <summary>Needs <c>app.UseWebSockets()</c> earlier in the pipeline (Program.cs has it).</summary>
    public static IEndpointRouteBuilder MapPhoenix(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(PhoenixEndpoint.Path, PhoenixEndpoint.HandleAsync);
        endpoints.MapPhoenixAdminEndpoints();
        return endpoints;
    }
}
