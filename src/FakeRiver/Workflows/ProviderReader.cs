using FakeRiver.Recording;
using YamlDotNet.RepresentationModel;

namespace FakeRiver.Workflows;

/// <summary>Reads <c>providers[]</c> entries and their <c>fault</c>.</summary>
internal static class ProviderReader
{
    private static readonly string[] Keys =
        [
            "provider", "model", "type", "base_url", "api_key_env", "record_to", "fixture", "replay_speed", "ttft_ms",
            "tokens_per_second", "jitter_ms", "timeout_ms", "fault",
        ];

    /// <summary>The keys of a provider fault, in the workflow file and in <c>/__admin/faults</c>.</summary>
    public static readonly string[] FaultKeys = ["status", "after_tokens", "kind", "retry_after_seconds"];

    private static readonly Dictionary<string, ProviderType> Types = new()
    {
        ["simulated"] = ProviderType.Simulated,
        ["openai"] = ProviderType.OpenAi,
        ["replay"] = ProviderType.Replay,
    };

    private static readonly Dictionary<string, FaultKind> Kinds = new()
    {
        ["connection_reset"] = FaultKind.ConnectionReset,
        ["timeout"] = FaultKind.Timeout,
        ["invalid_output"] = FaultKind.InvalidOutput,
    };

    public static ProviderDefinition? Read(YamlNode node, string path, ConfigReader reader)
    {
        if (reader.Mapping(node, path, Keys) is not { } map) return null;
        var provider = reader.RequiredString(map, path, "provider");
        var model = reader.RequiredString(map, path, "model");
        var type = ConfigReader.Child(map, "type") is { } t ? reader.Choice(t, ConfigReader.Join(path, "type"), Types) : ProviderType.Simulated;
        var baseUrl = ReadBaseUrl(map, path, type, reader);
        var definition = new ProviderDefinition
        {
            Provider = provider ?? "",
            Model = model ?? "",
            Type = type ?? ProviderType.Simulated,
            BaseUrl = baseUrl,
            ApiKeyEnv = ConfigReader.Child(map, "api_key_env") is { } key ? reader.String(key, ConfigReader.Join(path, "api_key_env")) : null,
            RecordTo = ReadRecordTo(map, path, type, reader),
            Replay = ReadFixture(map, path, type, reader),
            ReplaySpeed = ReadReplaySpeed(map, path, type, reader),
            TtftMs = reader.NonNegativeInt(map, path, "ttft_ms", 0),
            TokensPerSecond = reader.NonNegativeNumber(map, path, "tokens_per_second"),
            JitterMs = reader.NonNegativeInt(map, path, "jitter_ms", 0),
            TimeoutMs = reader.NonNegativeInt(map, path, "timeout_ms", 0),
            Fault = ConfigReader.Child(map, "fault") is { } fault ? ReadFault(fault, ConfigReader.Join(path, "fault"), reader) : null,
        };
        if (definition.Replay is { End: RecordingEnd.Failed, Fault: "timeout" } && definition.TimeoutMs == 0)
            reader.Fail(map, ConfigReader.Join(path, "timeout_ms"), "required for a fixture that recorded a timeout (the replay hangs until it)");
        return provider is null || model is null ? null : definition;
    }

    /// <summary>Only openai providers record; the path is relative to the workflow (or scenario) file.</summary>
    private static string? ReadRecordTo(YamlMappingNode map, string path, ProviderType? type, ConfigReader reader)
    {
        if (ConfigReader.Child(map, "record_to") is not { } node) return null;
        var recordPath = ConfigReader.Join(path, "record_to");
        if (type != ProviderType.OpenAi)
        {
            reader.Fail(node, recordPath, "only used with type openai (a replay provider plays a recording with fixture)");
            return null;
        }
        return reader.String(node, recordPath) is { Length: > 0 } file ? Resolve(file, reader) : null;
    }

    /// <summary>A replay provider's recording, read and checked now: a bad fixture stops start-up, not a request.</summary>
    private static StreamRecording? ReadFixture(YamlMappingNode map, string path, ProviderType? type, ConfigReader reader)
    {
        var fixturePath = ConfigReader.Join(path, "fixture");
        var node = ConfigReader.Child(map, "fixture");
        if (node is null)
        {
            if (type == ProviderType.Replay) reader.Fail(map, fixturePath, "required when type is replay (a file written by record_to)");
            return null;
        }
        if (type != ProviderType.Replay)
        {
            reader.Fail(node, fixturePath, "only used with type replay");
            return null;
        }
        if (reader.String(node, fixturePath) is not { Length: > 0 } name) return null;
        var file = Resolve(name, reader);
        try
        {
            return RecordingFile.Parse(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            reader.Fail(node, fixturePath, $"cannot use recording {file}: {e.Message}");
            return null;
        }
    }

    private static double ReadReplaySpeed(YamlMappingNode map, string path, ProviderType? type, ConfigReader reader)
    {
        if (ConfigReader.Child(map, "replay_speed") is not { } node) return 1;
        if (type != ProviderType.Replay)
        {
            reader.Fail(node, ConfigReader.Join(path, "replay_speed"), "only used with type replay");
            return 1;
        }
        return reader.NonNegativeNumber(map, path, "replay_speed");
    }

    /// <summary>Relative paths count from the folder of the file being read (when it is a file on disk).</summary>
    private static string Resolve(string file, ConfigReader reader) =>
        Path.IsPathRooted(file) || !File.Exists(reader.Source)
            ? Path.GetFullPath(file)
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(reader.Source)) ?? "", file));

    private static Uri? ReadBaseUrl(YamlMappingNode map, string path, ProviderType? type, ConfigReader reader)
    {
        var urlPath = ConfigReader.Join(path, "base_url");
        var node = ConfigReader.Child(map, "base_url");
        if (node is null)
        {
            if (type == ProviderType.OpenAi) reader.Fail(map, urlPath, "required when type is openai");
            return null;
        }
        if (type != ProviderType.OpenAi)
        {
            reader.Fail(node, urlPath, "only used with type openai");
            return null;
        }
        if (node is YamlScalarNode { Value: { } text } && Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }
        reader.Fail(node, urlPath, $"expected an absolute http(s) URL, got {ConfigReader.Describe(node)}");
        return null;
    }

    private static FaultDefinition? ReadFault(YamlNode node, string path, ConfigReader reader)
    {
        if (reader.Mapping(node, path, FaultKeys) is not { } map) return null;
        return ReadFault(map, path, reader);
    }

    /// <summary>The fault keys of <paramref name="map"/> (other keys are the caller's to check).</summary>
    public static FaultDefinition ReadFault(YamlMappingNode map, string path, ConfigReader reader)
    {
        var status = ConfigReader.Child(map, "status") is { } s
            ? reader.IntIn(s, ConfigReader.Join(path, "status"), 100, 599, "an HTTP status code (100-599)")
            : null;
        var kind = ConfigReader.Child(map, "kind") is { } k ? reader.Choice(k, ConfigReader.Join(path, "kind"), Kinds) : null;
        if (ConfigReader.Child(map, "status") is null && ConfigReader.Child(map, "kind") is null)
            reader.Fail(map, path, "expected a status, a kind, or both");
        return new FaultDefinition
        {
            Status = status,
            Kind = kind,
            AfterTokens = ConfigReader.Child(map, "after_tokens") is not null ? reader.NonNegativeInt(map, path, "after_tokens", 0) : null,
            RetryAfterSeconds = ConfigReader.Child(map, "retry_after_seconds") is not null
                ? reader.NonNegativeInt(map, path, "retry_after_seconds", 0)
                : null,
        };
    }
}
