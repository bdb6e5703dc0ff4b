using FakeRiver.Requests;
using FakeRiver.Workflows;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FakeRiver.Admin;

/// <summary>
/// Reads a <c>POST /__admin/faults</c> body: <c>{workflow, times?, provider | webhook | callback}</c>. Provider
/// faults take the workflow file's fault keys plus <c>index</c> (which provider, in failover order; default 0);
/// webhook faults one of <c>status</c>, <c>refuse</c>, <c>timeout</c>, <c>bad_signature</c> plus <c>attempts</c>;
/// callback faults <c>status</c> plus <c>attempts</c>. Errors are the workflow file's <c>source:line: field: message</c>.
/// </summary>
internal static class FaultRequestReader
{
    public const int MaxTimes = 10_000;

    private static readonly string[] Keys = ["workflow", "times", "provider", "webhook", "callback"];
    private static readonly string[] ProviderKeys = [.. ProviderReader.FaultKeys, "index"];
    private static readonly string[] WebhookKeys = ["status", "refuse", "timeout", "bad_signature", "attempts"];
    private static readonly string[] CallbackKeys = ["status", "attempts"];

    /// <summary>The fault (without id, project and time), or every error found.</summary>
    public static (RuntimeFault? Fault, IReadOnlyList<string> Errors) Read(string json, Func<string, WorkflowDefinition?> workflowNamed)
    {
        var reader = new ConfigReader("body");
        YamlNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(json));
            if (stream.Documents.Count != 1) return (null, ["body:1: expected one JSON object"]);
            root = stream.Documents[0].RootNode;
        }
        catch (Exception e) when (e is YamlException or ArgumentException)
        {
            return (null, [$"body:1: invalid JSON: {e.Message}"]);
        }
        if (reader.Mapping(root, "", Keys) is not { } map) return (null, reader.Errors);

        var name = reader.RequiredString(map, "", "workflow");
        var workflow = name is null ? null : workflowNamed(name);
        if (name is not null && workflow is null) reader.Fail(ConfigReader.Child(map, "workflow")!, "workflow", $"no workflow named \"{name}\" in this scope");
        var times = ConfigReader.Child(map, "times") is { } t ? reader.IntIn(t, "times", 1, MaxTimes, $"an integer from 1 to {MaxTimes}") : 1;

        var kinds = new[] { "provider", "webhook", "callback" }.Where(k => ConfigReader.Child(map, k) is not null).ToList();
        if (kinds.Count != 1) reader.Fail(map, "", "expected exactly one of provider, webhook, callback");
        var fault = new RuntimeFault { Id = "", Workflow = name ?? "", Times = times ?? 1 };
        if (ConfigReader.Child(map, "provider") is { } p) fault = ReadProvider(p, workflow, reader, fault);
        if (ConfigReader.Child(map, "webhook") is { } w) fault = fault with { Webhook = ReadWebhook(w, reader) };
        if (ConfigReader.Child(map, "callback") is { } c) fault = fault with { Callback = ReadCallback(c, reader) };
        return reader.Errors.Count > 0 ? (null, reader.Errors) : (fault, []);
    }

    private static RuntimeFault ReadProvider(YamlNode node, WorkflowDefinition? workflow, ConfigReader reader, RuntimeFault fault)
    {
        if (reader.Mapping(node, "provider", ProviderKeys) is not { } map) return fault;
        var index = 0;
        if (ConfigReader.Child(map, "index") is { } i)
        {
            var last = Math.Max(0, (workflow?.Providers.Count ?? 1) - 1);
            index = reader.IntIn(i, "provider.index", 0, last, $"a provider index from 0 to {last}") ?? 0;
        }
        if (workflow is { Providers.Count: 0 }) reader.Fail(map, "provider", "the workflow has no provider (test mode)");
        return fault with { Provider = ProviderReader.ReadFault(map, "provider", reader), ProviderIndex = index };
    }

    private static WebhookFault? ReadWebhook(YamlNode node, ConfigReader reader)
    {
        if (reader.Mapping(node, "webhook", WebhookKeys) is not { } map) return null;
        var modes = new[] { "status", "refuse", "timeout", "bad_signature" }.Where(k => ConfigReader.Child(map, k) is not null).ToList();
        if (modes.Count != 1)
        {
            reader.Fail(map, "webhook", "expected exactly one of status, refuse, timeout, bad_signature");
            return null;
        }
        var attempts = Attempts(map, "webhook", reader);
        if (modes[0] == "status")
        {
            var status = reader.IntIn(ConfigReader.Child(map, "status")!, "webhook.status", 300, 599, "a non-2xx HTTP status (300-599)");
            return new WebhookFault(WebhookFaultMode.Status, status, attempts);
        }
        if (!reader.Bool(map, "webhook", modes[0])) reader.Fail(ConfigReader.Child(map, modes[0])!, $"webhook.{modes[0]}", "expected true");
        var mode = modes[0] switch
        {
            "refuse" => WebhookFaultMode.Refuse,
            "timeout" => WebhookFaultMode.Timeout,
            _ => WebhookFaultMode.BadSignature,
        };
        return new WebhookFault(mode, null, attempts);
    }

    private static CallbackFault? ReadCallback(YamlNode node, ConfigReader reader)
    {
        if (reader.Mapping(node, "callback", CallbackKeys) is not { } map) return null;
        var status = reader.RequiredString(map, "callback", "status") is null
            ? null
            : reader.IntIn(ConfigReader.Child(map, "status")!, "callback.status", 400, 599, "an error status (400-599)");
        return new CallbackFault(status ?? 500, Attempts(map, "callback", reader));
    }

    // How many attempts of each delivery (or callbacks of the request) the fault hits: a count, or "all".
    private static int Attempts(YamlMappingNode map, string path, ConfigReader reader)
    {
        if (ConfigReader.Child(map, "attempts") is not { } node) return 1;
        if (node is YamlScalarNode { Value: "all" }) return int.MaxValue;
        return reader.IntIn(node, ConfigReader.Join(path, "attempts"), 1, 100, "an integer from 1 to 100, or \"all\"") ?? 1;
    }
}
