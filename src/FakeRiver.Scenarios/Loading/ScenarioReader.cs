using System.Text.Json.Nodes;
using FakeRiver.Scenarios.Model;
using FakeRiver.Testing;
using FakeRiver.Workflows;
using YamlDotNet.RepresentationModel;

namespace FakeRiver.Scenarios.Loading;

/// <summary>Reads the top level of a scenario: name, description, seed, workflow, client, webhook, expect.</summary>
internal static class ScenarioReader
{
    private static readonly string[] Keys = ["name", "description", "seed", "workflow", "client", "webhook", "expect"];
    private static readonly string[] ClientKeys = ["message", "disconnect_after_tokens", "reconnect", "join_late", "join", "reuse_token"];
    private static readonly string[] WebhookKeys =
        ["duplicate_delivery", "stale_timestamp", "bad_signature", "wrong_secret", "backend_down_attempts"];

    public static Scenario? Read(YamlNode root, IReadOnlyDictionary<string, JsonObject> outputs, ConfigReader reader)
    {
        if (reader.Mapping(root, "", Keys) is not { } map) return null;
        var name = reader.RequiredString(map, "", "name");
        var description = ConfigReader.Child(map, "description") is { } d ? reader.String(d, "description") : null;
        var seed = ConfigReader.Child(map, "seed") is { } s ? reader.IntIn(s, "seed", 0, int.MaxValue, "a non-negative integer") : null;
        WorkflowDefinition? workflow = null;
        if (ConfigReader.Child(map, "workflow") is { } w) workflow = WorkflowReader.Read(w, "workflow", outputs, reader);
        else reader.Fail(map, "workflow", "required (one workflow, in the format of the workflow file's workflows[] entries)");
        var client = ConfigReader.Child(map, "client") is { } c ? ReadClient(c, reader) : new ScenarioClient();
        var webhook = ConfigReader.Child(map, "webhook") is { } h ? ReadWebhook(h, reader) : new WebhookFaultPlan();
        var expect = ConfigReader.Child(map, "expect") is { } e ? ExpectReader.Read(e, reader) : new ScenarioExpect();
        if (name is null || workflow is null || client is null || webhook is null || expect is null) return null;
        return new Scenario
        {
            Name = name,
            Description = description ?? "",
            Seed = seed ?? 42,
            Source = reader.Source,
            Workflow = workflow,
            Client = client,
            Webhook = webhook,
            Expect = expect,
        };
    }

    private static ScenarioClient? ReadClient(YamlNode node, ConfigReader reader)
    {
        if (reader.Mapping(node, "client", ClientKeys) is not { } map) return null;
        var client = new ScenarioClient
        {
            Message = ConfigReader.Child(map, "message") is { } m ? reader.String(m, "client.message") ?? "" : "Hello",
            DisconnectAfterTokens = ConfigReader.Child(map, "disconnect_after_tokens") is { } n
                ? reader.IntIn(n, "client.disconnect_after_tokens", 1, int.MaxValue, "a positive integer")
                : null,
            Reconnect = reader.Bool(map, "client", "reconnect"),
            JoinLate = reader.Bool(map, "client", "join_late"),
            Join = ConfigReader.Child(map, "join") is null || reader.Bool(map, "client", "join"),
            ReuseToken = reader.Bool(map, "client", "reuse_token"),
        };
        if (client.Reconnect && client.DisconnectAfterTokens is null)
            reader.Fail(map, "client.reconnect", "needs disconnect_after_tokens (reconnect follows a drop)");
        if (client.JoinLate && !client.Join) reader.Fail(map, "client.join_late", "cannot be combined with join: false");
        return client;
    }

    private static WebhookFaultPlan? ReadWebhook(YamlNode node, ConfigReader reader)
    {
        if (reader.Mapping(node, "webhook", WebhookKeys) is not { } map) return null;
        return new WebhookFaultPlan
        {
            DuplicateDelivery = reader.Bool(map, "webhook", "duplicate_delivery"),
            StaleTimestampAttempts = Attempts(map, "stale_timestamp", reader),
            BadSignatureAttempts = Attempts(map, "bad_signature", reader),
            WrongSecretAttempts = Attempts(map, "wrong_secret", reader),
            BackendDownAttempts = ConfigReader.Child(map, "backend_down_attempts") is { } n
                ? reader.IntIn(n, "webhook.backend_down_attempts", 0, 100, "an attempt count (0-100)") ?? 0
                : 0,
        };
    }

    /// <summary><c>true</c> = every attempt, <c>false</c> = none, N = the first N attempts.</summary>
    private static int Attempts(YamlMappingNode map, string key, ConfigReader reader)
    {
        if (ConfigReader.Child(map, key) is not { } node) return 0;
        if (node is YamlScalarNode { Value: "true" }) return WebhookFaultPlan.All;
        if (node is YamlScalarNode { Value: "false" }) return 0;
        return reader.IntIn(node, $"webhook.{key}", 0, 100, "true, false or an attempt count (0-100)") ?? 0;
    }
}
