using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace FakeRiver.Workflows;

/// <summary>Reads one <c>workflows[]</c> entry; named structured outputs are resolved against the file's own list.</summary>
internal static class WorkflowReader
{
    private static readonly string[] Keys =
        ["name", "event_name", "structured_output", "on_invalid", "test_mode", "test_mode_delay_ms", "text_tokens", "rate_limit", "providers"];

    private static readonly Dictionary<string, OnInvalidMode> OnInvalidModes = new()
    {
        ["next_provider"] = OnInvalidMode.NextProvider,
        ["merge"] = OnInvalidMode.Merge,
        ["offline_fallback"] = OnInvalidMode.OfflineFallback,
    };

    public static WorkflowDefinition? Read(
        YamlNode node, string path, IReadOnlyDictionary<string, JsonObject> outputs, ConfigReader reader)
    {
        if (reader.Mapping(node, path, Keys) is not { } map) return null;
        var name = reader.RequiredString(map, path, "name");
        var eventName = ConfigReader.Child(map, "event_name") is { } e ? reader.String(e, ConfigReader.Join(path, "event_name")) : null;
        var (outputName, schema) = ReadOutput(map, path, outputs, reader);
        var onInvalid = ConfigReader.Child(map, "on_invalid") is { } o
            ? reader.Choice(o, ConfigReader.Join(path, "on_invalid"), OnInvalidModes)
            : OnInvalidMode.NextProvider;
        var testMode = reader.Bool(map, path, "test_mode");
        var providers = ReadProviders(map, path, testMode, reader);
        var textTokens = ReadTextTokens(map, path, schema is not null, reader);
        if (name is null) return null;
        return new WorkflowDefinition
        {
            Name = name,
            EventName = eventName,
            OutputSchemaName = outputName,
            OutputSchema = schema,
            OnInvalid = onInvalid ?? OnInvalidMode.NextProvider,
            TestMode = testMode,
            TestModeDelayMs = reader.NonNegativeInt(map, path, "test_mode_delay_ms", 0),
            TextTokens = textTokens,
            RateLimit = ConfigReader.Child(map, "rate_limit") is { } limit ? ReadRateLimit(limit, ConfigReader.Join(path, "rate_limit"), reader) : null,
            Providers = providers,
        };
    }

    /// <summary><c>rate_limit: { requests: N, window_seconds: S }</c>, both positive.</summary>
    private static RateLimitRule? ReadRateLimit(YamlNode node, string path, ConfigReader reader)
    {
        if (reader.Mapping(node, path, ["requests", "window_seconds"]) is not { } map) return null;
        int? Positive(string key)
        {
            if (ConfigReader.Child(map, key) is { } value) return reader.IntIn(value, ConfigReader.Join(path, key), 1, 1_000_000, "a positive integer");
            reader.Fail(map, ConfigReader.Join(path, key), "required (a positive integer)");
            return null;
        }
        var requests = Positive("requests");
        var window = Positive("window_seconds");
        return requests is { } r && window is { } w ? new RateLimitRule(r, w) : null;
    }

    /// <summary>A positive token count; structured output has its own length, so the two do not mix.</summary>
    private static int? ReadTextTokens(YamlMappingNode map, string path, bool structured, ConfigReader reader)
    {
        if (ConfigReader.Child(map, "text_tokens") is not { } node) return null;
        var tokensPath = ConfigReader.Join(path, "text_tokens");
        if (structured)
        {
            reader.Fail(node, tokensPath, "only for plain-text workflows (remove structured_output or text_tokens)");
            return null;
        }
        return reader.IntIn(node, tokensPath, 1, 1_000_000, "a positive integer");
    }

    private static (string? Name, JsonObject? Schema) ReadOutput(
        YamlMappingNode map, string path, IReadOnlyDictionary<string, JsonObject> outputs, ConfigReader reader)
    {
        var outputPath = ConfigReader.Join(path, "structured_output");
        switch (ConfigReader.Child(map, "structured_output"))
        {
            case null:
                return (null, null);
            case YamlScalarNode scalar when !ConfigReader.IsNull(scalar):
                if (outputs.TryGetValue(scalar.Value!, out var named)) return (scalar.Value, named);
                var known = outputs.Count == 0 ? "none are defined" : "known: " + string.Join(", ", outputs.Keys);
                reader.Fail(scalar, outputPath, $"no structured output named \"{scalar.Value}\" under structured_outputs ({known})");
                return (null, null);
            case var inline:
                return (null, StructuredOutputReader.Read(inline, outputPath, reader));
        }
    }

    private static List<ProviderDefinition> ReadProviders(YamlMappingNode map, string path, bool testMode, ConfigReader reader)
    {
        var providersPath = ConfigReader.Join(path, "providers");
        var result = new List<ProviderDefinition>();
        switch (ConfigReader.Child(map, "providers"))
        {
            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++)
                {
                    if (ProviderReader.Read(list.Children[i], $"{providersPath}[{i}]", reader) is { } provider) result.Add(provider);
                }
                if (list.Children.Count == 0 && !testMode) reader.Fail(list, providersPath, "expected at least one provider (or test_mode: true)");
                break;
            case null:
                if (!testMode) reader.Fail(map, providersPath, "required (at least one provider, or test_mode: true)");
                break;
            case var other:
                reader.Fail(other, providersPath, $"expected a list of providers, got {ConfigReader.Describe(other)}");
                break;
        }
        return result;
    }
}
