using System.Text.Json.Nodes;
using FakeRiver.Providers;
using FakeRiver.Providers.OpenAi;
using FakeRiver.Requests;
using FakeRiver.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Contract.Providers.OpenAi;

/// <summary>Builds an <see cref="OpenAiProvider"/> wired as FakeRiverSetup wires it, and calls for it.</summary>
internal static class ProviderCalls
{
    public static OpenAiProvider Provider(TimeProvider? time = null, Dictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(OpenAiProvider.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        return new OpenAiProvider(services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>(),
            time ?? TimeProvider.System, configuration);
    }

    public static ProviderDefinition Definition(Uri baseUrl, int timeoutMs = 0, string? apiKeyEnv = null) => new()
    {
        Provider = "ollama",
        Model = OpenAiUpstream.Model,
        Type = ProviderType.OpenAi,
        BaseUrl = baseUrl,
        TimeoutMs = timeoutMs,
        ApiKeyEnv = apiKeyEnv,
    };

    public static RiverRequest Request(IReadOnlyList<ProviderDefinition> providers, JsonObject? schema = null, string message = "Hello") =>
        new("00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002",
            new WorkflowDefinition { Name = "wf", Providers = providers, OutputSchema = schema, OutputSchemaName = schema is null ? null : "chatbot_response" },
            new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero))
        {
            PublicBaseUri = new Uri("http://localhost/"),
            Body = new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = message }) },
        };

    public static ProviderCall Call(Uri baseUrl, string committed = "", JsonObject? schema = null, string? apiKeyEnv = null)
    {
        var definition = Definition(baseUrl, apiKeyEnv: apiKeyEnv);
        return new ProviderCall(Request([definition], schema), definition, 1, committed, 42, new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));
    }

    /// <summary>Drains a stream: the deltas it yielded and the failure that ended it, if any.</summary>
    public static async Task<(List<string> Deltas, Exception? Error)> DrainAsync(IAsyncEnumerable<string> stream)
    {
        var deltas = new List<string>();
        try
        {
            await foreach (var delta in stream) deltas.Add(delta);
            return (deltas, null);
        }
        catch (Exception ex)
        {
            return (deltas, ex);
        }
    }
}
