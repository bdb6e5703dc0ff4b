using FakeRiver.Scenarios.Model;
using FakeRiver.Workflows;
using YamlDotNet.RepresentationModel;

namespace FakeRiver.Scenarios.Loading;

/// <summary>Reads a scenario's <c>expect</c> block.</summary>
internal static class ExpectReader
{
    private const string P = "expect";
    private static readonly string[] Keys =
    [
        "status", "error_code", "attempts", "webhook", "callback", "backend_answers", "token_reuse_status", "key_leaks",
        "offline_fallback", "test_mode", "stream", "heartbeats_min", "latency", "sync",
    ];
    private static readonly Dictionary<string, string> Statuses = Names("success", "completed", "error");
    private static readonly Dictionary<string, string> States = Names("delivered", "dead_lettered", "skipped");
    private static readonly Dictionary<string, string> Types = Names("task.completed", "task.ai_generated");
    private static readonly Dictionary<string, string> AttemptStatuses = Names("success", "error");

    public static ScenarioExpect? Read(YamlNode node, ConfigReader reader)
    {
        if (reader.Mapping(node, P, Keys) is not { } map) return null;
        var answers = ConfigReader.Child(map, "backend_answers") is { } b ? reader.Mapping(b, $"{P}.backend_answers", ["chat", "webhook"]) : null;
        var latency = ConfigReader.Child(map, "latency") is { } l ? reader.Mapping(l, $"{P}.latency", ["ttft_ms_max", "e2e_ms_max"]) : null;
        return new ScenarioExpect
        {
            Status = Choice(map, P, "status", Statuses, reader),
            ErrorCode = Text(map, P, "error_code", reader),
            Attempts = ConfigReader.Child(map, "attempts") is { } a ? ReadAttempts(a, reader) : null,
            Webhook = ConfigReader.Child(map, "webhook") is { } w ? ReadWebhook(w, reader) : null,
            Callback = ConfigReader.Child(map, "callback") is { } c ? ReadCallback(c, reader) : null,
            BackendChatAnswer = answers is null ? null : Int(answers, $"{P}.backend_answers", "chat", reader),
            BackendWebhookAnswers = answers is not null && ConfigReader.Child(answers, "webhook") is { } wa
                ? IntList(wa, $"{P}.backend_answers.webhook", reader)
                : null,
            TokenReuseStatus = Int(map, P, "token_reuse_status", reader),
            KeyLeaks = Int(map, P, "key_leaks", reader),
            Sync = ConfigReader.Child(map, "sync") is { } sync ? ReadSync(sync, reader) : null,
            OfflineFallback = ConfigReader.Child(map, "offline_fallback") is null ? null : reader.Bool(map, P, "offline_fallback"),
            TestMode = ConfigReader.Child(map, "test_mode") is null ? null : reader.Bool(map, P, "test_mode"),
            Stream = ConfigReader.Child(map, "stream") is null || reader.Bool(map, P, "stream"),
            HeartbeatsMin = Int(map, P, "heartbeats_min", reader),
            TtftMsMax = latency is null ? null : Int(latency, $"{P}.latency", "ttft_ms_max", reader),
            E2eMsMax = latency is null ? null : Int(latency, $"{P}.latency", "e2e_ms_max", reader),
        };
    }

    private static List<ExpectedAttempt>? ReadAttempts(YamlNode node, ConfigReader reader)
    {
        var path = $"{P}.attempts";
        if (node is not YamlSequenceNode list)
        {
            reader.Fail(node, path, $"expected a list of {{provider, status, reason}}, got {ConfigReader.Describe(node)}");
            return null;
        }
        var result = new List<ExpectedAttempt>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (reader.Mapping(list.Children[i], itemPath, ["provider", "status", "reason"]) is not { } item) continue;
            result.Add(new ExpectedAttempt(Text(item, itemPath, "provider", reader), Choice(item, itemPath, "status", AttemptStatuses, reader),
                Text(item, itemPath, "reason", reader)));
        }
        return result;
    }

    private static ExpectedSync? ReadSync(YamlNode node, ConfigReader reader)
    {
        var path = $"{P}.sync";
        if (reader.Mapping(node, path, ["answers", "meta_http_status", "error_code", "headers", "retry_after_honoured"]) is not { } map) return null;
        return new ExpectedSync(
            ConfigReader.Child(map, "answers") is { } a ? IntList(a, $"{path}.answers", reader) : null,
            Int(map, path, "meta_http_status", reader),
            Text(map, path, "error_code", reader),
            ConfigReader.Child(map, "headers") is null ? null : reader.Bool(map, path, "headers"),
            ConfigReader.Child(map, "retry_after_honoured") is null ? null : reader.Bool(map, path, "retry_after_honoured"));
    }

    private static ExpectedWebhook? ReadWebhook(YamlNode node, ConfigReader reader)
    {
        var path = $"{P}.webhook";
        if (reader.Mapping(node, path, ["deliveries", "attempts", "state", "type"]) is not { } map) return null;
        return new ExpectedWebhook(Int(map, path, "deliveries", reader), Int(map, path, "attempts", reader),
            Choice(map, path, "state", States, reader), Choice(map, path, "type", Types, reader));
    }

    private static ExpectedCallback? ReadCallback(YamlNode node, ConfigReader reader)
    {
        var path = $"{P}.callback";
        if (reader.Mapping(node, path, ["count", "status", "data_has"]) is not { } map) return null;
        var keys = new List<string>();
        if (ConfigReader.Child(map, "data_has") is { } has)
        {
            if (has is YamlSequenceNode list)
                foreach (var key in list.Children) { if (reader.String(key, $"{path}.data_has") is { } k) keys.Add(k); }
            else reader.Fail(has, $"{path}.data_has", $"expected a list of keys, got {ConfigReader.Describe(has)}");
        }
        return new ExpectedCallback(Int(map, path, "count", reader), Int(map, path, "status", reader), keys);
    }

    private static List<int> IntList(YamlNode node, string path, ConfigReader reader)
    {
        if (node is YamlSequenceNode list)
            return [.. list.Children.Select((n, i) => reader.IntIn(n, $"{path}[{i}]", 0, 599, "an HTTP status (0 = no answer)") ?? -1)];
        reader.Fail(node, path, $"expected a list of HTTP statuses, got {ConfigReader.Describe(node)}");
        return [];
    }

    private static int? Int(YamlMappingNode map, string path, string key, ConfigReader reader) =>
        ConfigReader.Child(map, key) is { } n ? reader.IntIn(n, ConfigReader.Join(path, key), 0, int.MaxValue, "a non-negative integer") : null;

    private static string? Text(YamlMappingNode map, string path, string key, ConfigReader reader) =>
        ConfigReader.Child(map, key) is { } n ? reader.String(n, ConfigReader.Join(path, key)) : null;

    private static string? Choice(YamlMappingNode map, string path, string key, Dictionary<string, string> names, ConfigReader reader) =>
        ConfigReader.Child(map, key) is { } n && n is YamlScalarNode { Value: { } v } && names.ContainsKey(v) ? v
        : ConfigReader.Child(map, key) is { } bad ? Fail(bad, ConfigReader.Join(path, key), names, reader) : null;

    private static string? Fail(YamlNode node, string path, Dictionary<string, string> names, ConfigReader reader)
    {
        reader.Fail(node, path, $"expected one of {string.Join(", ", names.Keys)}, got {ConfigReader.Describe(node)}");
        return null;
    }

    private static Dictionary<string, string> Names(params string[] names) => names.ToDictionary(n => n, n => n);
}
