using System.Text.Json.Nodes;
using FakeRiver.Scenarios.Model;
using FakeRiver.Sync;
using FakeRiver.Testing;
using FakeRiver.Workflows;
using YamlDotNet.RepresentationModel;

namespace FakeRiver.Scenarios.Loading;

/// <summary>Reads the top level of a scenario: name, description, seed, workflow, client, webhook, expect.</summary>
internal static class ScenarioReader
{
    private static readonly string[] Keys = ["name", "description", "seed", "requires", "workflow", "client", "webhook", "expect"];
    private static readonly Dictionary<string, bool> Requirements = new() { [Scenario.VirtualTimeRequirement] = true };
    private static readonly string[] ClientKeys = ["message", "disconnect_after_tokens", "reconnect", "join_late", "join", "reuse_token", "sync"];
    private static readonly string[] SyncKeys = ["format", "requests", "on_429", "max_retries"];
    private static readonly Dictionary<string, SyncRetryPolicy> RetryPolicies = new()
    {
        ["give_up"] = SyncRetryPolicy.GiveUp,
        ["retry_after"] = SyncRetryPolicy.RetryAfter,
        ["immediately"] = SyncRetryPolicy.Immediately,
    };
    private static readonly Dictionary<string, SyncFormat> Formats = new() { ["raw"] = SyncFormat.Raw, ["wrapped"] = SyncFormat.Wrapped };
    private static readonly string[] WebhookKeys =
        ["duplicate_delivery", "stale_timestamp", "bad_signature", "wrong_secret", "backend_down_attempts",
         "forged_callback_url", "replay_changed_channel_id", "restart_backend"];

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
        var webhookMap = ConfigReader.Child(map, "webhook");
        var webhook = webhookMap is { } h ? ReadWebhook(h, reader) : new WebhookFaultPlan();
        var steps = webhookMap as YamlMappingNode;
        // Steps the world plays (a trap to point the callback URL at, a backend restart), read beside FakeRiver's faults.
        var forge = steps is not null && reader.Bool(steps, "webhook", "forged_callback_url");
        var restart = steps is not null && reader.Bool(steps, "webhook", "restart_backend");
        if (restart && webhook is { DuplicateDelivery: false })
            reader.Fail(steps!, "webhook.restart_backend", "needs duplicate_delivery (the backend restarts between the delivery and its duplicate)");
        var expect = ConfigReader.Child(map, "expect") is { } e ? ExpectReader.Read(e, reader) : new ScenarioExpect();
        var requires = ConfigReader.Child(map, "requires") is { } r ? ReadRequires(r, reader) : [];
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
            ForgeCallbackUrl = forge,
            RestartBackend = restart,
            Requires = requires,
        };
    }

    private static List<string> ReadRequires(YamlNode node, ConfigReader reader)
    {
        if (node is not YamlSequenceNode list)
        {
            reader.Fail(node, "requires", $"expected a list such as [virtual_time], got {ConfigReader.Describe(node)}");
            return [];
        }
        var result = new List<string>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (reader.Choice(list.Children[i], $"requires[{i}]", Requirements) is not null) result.Add(((YamlScalarNode)list.Children[i]).Value!);
        }
        return result;
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
            Sync = ConfigReader.Child(map, "sync") is { } sync ? ReadSync(sync, reader) : null,
        };
        if (client.Sync is not null && (client.DisconnectAfterTokens is not null || client.JoinLate || client.ReuseToken || client.Reconnect))
            reader.Fail(map, "client.sync", "replaces the browser: no socket options (disconnect, reconnect, join_late, reuse_token) with it");
        if (client.Reconnect && client.DisconnectAfterTokens is null)
            reader.Fail(map, "client.reconnect", "needs disconnect_after_tokens (reconnect follows a drop)");
        if (client.JoinLate && !client.Join) reader.Fail(map, "client.join_late", "cannot be combined with join: false");
        return client;
    }

    private static SyncClient? ReadSync(YamlNode node, ConfigReader reader)
    {
        const string path = "client.sync";
        if (reader.Mapping(node, path, SyncKeys) is not { } map) return null;
        return new SyncClient
        {
            Format = ConfigReader.Child(map, "format") is { } f ? reader.Choice(f, $"{path}.format", Formats) : null,
            Requests = ConfigReader.Child(map, "requests") is { } n ? reader.IntIn(n, $"{path}.requests", 1, 100, "a request count (1-100)") ?? 1 : 1,
            On429 = ConfigReader.Child(map, "on_429") is { } r ? reader.Choice(r, $"{path}.on_429", RetryPolicies) ?? SyncRetryPolicy.GiveUp : SyncRetryPolicy.GiveUp,
            MaxRetries = ConfigReader.Child(map, "max_retries") is { } m ? reader.IntIn(m, $"{path}.max_retries", 0, 20, "a retry count (0-20)") ?? 3 : 3,
        };
    }

    private static WebhookFaultPlan? ReadWebhook(YamlNode node, ConfigReader reader)
    {
        if (reader.Mapping(node, "webhook", WebhookKeys) is not { } map) return null;
        return new WebhookFaultPlan
        {
            DuplicateDelivery = reader.Bool(map, "webhook", "duplicate_delivery"),
            ReplayWithOtherChannelId = reader.Bool(map, "webhook", "replay_changed_channel_id"),
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
