using System.Text;
using System.Text.Json.Nodes;
using FakeRiver.Pipeline;
using FakeRiver.Requests;
using FakeRiver.Webhooks;
using FakeRiver.Workflows;

namespace Contract.Pipeline;

/// <summary>
/// A finished run's meta is kept as its values (src/FakeRiver/Requests/AiRunMeta.cs) and printed straight into the
/// response payload and the webhook body. Every form must be byte for byte what the meta JsonObject the pipeline
/// used to build gives (<see cref="OldMeta"/>, the construction RunMeta.For had), through the JsonObject paths
/// that tests/Contract/Pipeline/ResponsePayloadsTests.cs and tests/Contract/Webhooks/WebhookTextTests.cs pin.
/// </summary>
public sealed class RunMetaTextTests
{
    private static readonly DateTimeOffset Time = new(2026, 1, 5, 10, 0, 0, 7, TimeSpan.Zero);

    private sealed record Case(string Workflow, bool Success, long DurationMs, int Prompt, int Completion, bool Structured,
        AttemptRecord[] Attempts, string? Provider, string? Model, bool Offline, bool TestMode)
    {
        public AiRunMeta Run() => new(Workflow, Success, DurationMs, Prompt, Completion, Structured, Attempts, Provider, Model, Offline, TestMode);
    }

    public static TheoryData<int> Cases => [.. Enumerable.Range(0, All.Length)];

    private static readonly Case[] All =
    [
        new("support-triage", true, 912, 3, 5, false, [new("openai", "gpt-4o-mini", true, 900, null)], "openai", "gpt-4o-mini", false, false),
        new("wf é \u2028 </script> \"q\"", true, 9_007_199_254_740_993, int.MaxValue, 1, true,
            [
                new("openai", "gpt-4o-mini", false, 12, "rate_limited \ud83d\ude00"),
                new("anthropic", "claude-3-5-haiku", false, -1, "timeout"),
                new("azure", "gpt-4o", true, 0, null),
            ], "azure", null, true, false),
        new("all-failed", false, 40, 0, 0, false, [new("openai", "m", false, 40, "server_error")], null, null, false, false),
        new("no-attempts", false, 0, 0, 0, false, [], null, "ignored without a provider", false, false),
        new("test-mode", true, 1, 0, 0, true, [], "test", "test-model", false, true),
    ];

    private static RiverRequest Request(string? eventName) =>
        new("ch-1", "proj-1", new WorkflowDefinition { Name = "support-triage", Providers = [] }, Time)
        {
            PublicBaseUri = new Uri("http://127.0.0.1:5000/"),
            EventName = eventName,
            CustomerData = new JsonObject { ["user"] = "é <b>\u2028", ["n"] = 1.5 },
        };

    private static JsonObject Data() => new() { ["reply"] = "Hi \ud83d\ude00", ["list"] = new JsonArray(1, 2.5, null) };

    /// <summary>The meta object as RunMeta.For built it before it kept values.</summary>
    private static JsonObject OldMeta(Case c)
    {
        var meta = new JsonObject
        {
            ["workflow"] = c.Workflow,
            ["status"] = c.Success ? "success" : "error",
            ["duration_ms"] = c.DurationMs,
            ["tokens"] = new JsonObject { ["prompt"] = c.Prompt, ["completion"] = c.Completion, ["total"] = c.Prompt + c.Completion },
            ["usage"] = new JsonObject { ["prompt_tokens"] = c.Prompt, ["completion_tokens"] = c.Completion, ["total_tokens"] = c.Prompt + c.Completion },
            ["structured_output"] = c.Structured,
            ["attempts"] = new JsonArray([.. c.Attempts.Select(a => (JsonNode)a.ToJson())]),
        };
        if (c.Provider is not null)
        {
            meta["provider"] = c.Provider;
            meta["model"] = c.Model;
            meta["used_provider"] = c.Provider;
            meta["used_model"] = c.Model;
        }
        if (c.Offline) meta["offline_fallback"] = true;
        if (c.TestMode) meta["test_mode"] = true;
        return meta;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Json_AnyRun_EqualsTheOldMetaObjectAndIsShared(int index)
    {
        var c = All[index];
        var run = c.Run();

        Assert.Equal(OldMeta(c).ToJsonString(), run.ToJson().ToJsonString());
        Assert.Equal(OldMeta(c).ToJsonString(), run.Json.ToJsonString());
        Assert.Same(run.Json, run.Json);
        var request = Request(null);
        request.AiRun = run;
        Assert.Same(run.Json, request.AiMeta);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ResponsePayloads_AnyRun_SameBytesAsTheMetaObject(int index)
    {
        var c = All[index];
        var request = Request(null);

        Assert.Equal(Text(ResponsePayloads.Success(request, Data(), OldMeta(c))), Text(ResponsePayloads.Success(request, AiOutput.Of(Data()), c.Run())));
        Assert.Equal(Text(ResponsePayloads.Error(request, "all_providers_failed", "All \"providers\" <failed>", OldMeta(c))),
            Text(ResponsePayloads.Error(request, "all_providers_failed", "All \"providers\" <failed>", c.Run())));
        Assert.Equal(Text(ResponsePayloads.Error(request, "callback_timeout", "Callback timeout", (JsonObject?)null)),
            Text(ResponsePayloads.Error(request, "callback_timeout", "Callback timeout")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StatusAfterAi_AnyRun_NamesWhatTheMetaObjectNamed(int index)
    {
        var c = All[index];
        var request = Request("new_chat");
        request.AiRun = c.Run();
        var meta = OldMeta(c);
        var attempts = meta["attempts"] is JsonArray list ? list.Count : 1;
        var expected = ResponsePayloads.Status(request, "completed", Math.Max(1, attempts), meta["provider"]?.GetValue<string>(), meta["model"]?.GetValue<string>(), "x");

        Assert.Equal(Text(expected), Text(ResponsePayloads.StatusAfterAi(request, "completed", "x")));
    }

    [Fact]
    public void StatusAfterAi_NoRun_OneAttemptAndNoProvider()
    {
        var request = Request("new_chat");
        var expected = ResponsePayloads.Status(request, "error", 1, null, null, "callback_timeout");

        Assert.Equal(Text(expected), Text(ResponsePayloads.StatusAfterAi(request, "error", "callback_timeout")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WebhookTexts_AnyRun_SameBodyAndSignedDataAsTheMetaObject(int index)
    {
        var c = All[index];
        var standard = Request(null);
        var eventDriven = Request("new_chat");

        AssertSameText(WebhookBodyFactory.StandardText(standard, Data(), OldMeta(c), Time), WebhookBodyFactory.StandardText(standard, AiOutput.Of(Data()), c.Run(), Time));
        AssertSameText(WebhookBodyFactory.EventDrivenText(eventDriven, Data(), OldMeta(c), Time), WebhookBodyFactory.EventDrivenText(eventDriven, AiOutput.Of(Data()), c.Run(), Time));
        AssertSameText(WebhookBodyFactory.ErrorText(standard, "All \"providers\" failed", "all_providers_failed", OldMeta(c), Time),
            WebhookBodyFactory.ErrorText(standard, "All \"providers\" failed", "all_providers_failed", c.Run(), Time));
    }

    private static void AssertSameText(WebhookText expected, WebhookText actual) => Assert.Equal(expected, actual);

    private static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);
}
