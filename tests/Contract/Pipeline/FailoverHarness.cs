using System.Text;
using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;
using FakeRiver.Requests;

namespace Contract.Pipeline;

/// <summary>Runs one standard request through a workflow written for the test and collects what the client saw.</summary>
internal static class FailoverHarness
{
    /// <summary>A workflow file with <c>chatbot_response</c> and one workflow named <c>wf</c> with these providers.</summary>
    public static string Workflow(string providersYaml, string extra = "") => TestWorkflows.ChatbotSchema + $"""

        workflows:
          - name: wf
            structured_output: chatbot_response
        {extra}
            providers:
        {providersYaml}
        """;

    /// <summary>One provider entry, indented for <see cref="Workflow"/>.</summary>
    public static string Provider(string name, string model = "m", string? more = null)
    {
        var builder = new StringBuilder();
        builder.AppendLine($"      - provider: {name}");
        builder.AppendLine($"        model: {model}");
        if (more is not null)
        {
            foreach (var line in more.Split('\n', StringSplitOptions.RemoveEmptyEntries)) builder.AppendLine($"        {line.Trim()}");
        }
        return builder.ToString().TrimEnd();
    }

    public static async Task<(HarnessHost Host, RiverRequest Request)> StartAsync(string workflowYaml, StubReceiver? receiver = null)
    {
        var host = HarnessHost.Start(new HarnessOptions
        {
            WithBackend = false,
            WorkflowYaml = workflowYaml,
            ExtraHosts = { ["hooks.test"] = receiver ?? new StubReceiver() },
        });
        var body = AsyncApi.ChatBody("wf");
        body["webhook_url"] = "http://hooks.test/webhook";
        var started = await AsyncApi.StartAsync(host, body);
        host.RiverService<RequestRegistry>().TryGet(started["channel_id"]!.GetValue<string>(), out var request);
        return (host, request);
    }

    public static JsonObject FinalResponse(RiverRequest request) =>
        (JsonObject)JsonNode.Parse(request.Log.LatestResponse!.PayloadUtf8.Span)!;

    public static IReadOnlyList<JsonObject> Tokens(RiverRequest request) =>
        [.. request.Log.TokenEvents().Select(e => (JsonObject)JsonNode.Parse(e.PayloadUtf8.Span)!)];

    public static IReadOnlyList<JsonObject> Statuses(RiverRequest request) =>
        [.. request.Log.StatusEvents().Select(e => (JsonObject)JsonNode.Parse(e.PayloadUtf8.Span)!)];

    /// <summary>The stream invariant: seq 1..N without gap or duplicate, and the deltas spell the final data.</summary>
    public static void AssertStreamSpellsData(RiverRequest request, JsonObject response)
    {
        var tokens = Tokens(request);
        Assert.Equal(Enumerable.Range(1, tokens.Count).Select(i => (long)i), tokens.Select(t => t["seq"]!.GetValue<long>()));
        foreach (var token in tokens) ContractAssert.Valid("channel-tokens", token);
        var text = string.Concat(tokens.Select(t => t["delta"]!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), response["data"]), $"stream: {text}\ndata: {response["data"]}");
    }

    public static IEnumerable<(string Status, string? Reason, string Provider)> Attempts(JsonObject response) =>
        response["meta"]!["attempts"]!.AsArray().Select(a => (a!["status"]!.GetValue<string>(), a["reason"]?.GetValue<string>(), a["provider"]!.GetValue<string>()));
}
