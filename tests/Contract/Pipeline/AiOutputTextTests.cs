using System.Text;
using System.Text.Json.Nodes;
using FakeRiver.Pipeline;
using FakeRiver.Requests;
using FakeRiver.Webhooks;
using FakeRiver.Workflows;

namespace Contract.Pipeline;

/// <summary>
/// A run's data is kept as its text for unstructured workflows (src/FakeRiver/Requests/AiOutput.cs) and printed
/// straight into the response payload and the webhook body. Every form must be byte for byte what the OpenAI-style
/// object OutputGate used to build (<see cref="OldUnstructured"/>) gives through the JsonObject paths, and a
/// structured object must print as it did.
/// </summary>
public sealed class AiOutputTextTests
{
    private static readonly DateTimeOffset Time = new(2026, 1, 5, 10, 0, 0, 7, TimeSpan.Zero);

    public static TheoryData<string> Texts => new()
    {
        "Hello",
        "",
        "Lorem ipsum dolor sit amet, consectetur.",
        "quotes \" and \\ backslash, </script> & <b> 'x' + tab\t newline\n nul\u0000",
        "é ü 中文 \ud83d\ude00 \u2028 \u2029 \u007f \u0085",
    };

    private static RiverRequest Request(string? eventName) =>
        new("ch-1", "proj-1", new WorkflowDefinition { Name = "wf", Providers = [] }, Time)
        {
            PublicBaseUri = new Uri("http://127.0.0.1:5000/"),
            EventName = eventName,
            CustomerData = new JsonObject { ["user"] = "é" },
        };

    private static AiRunMeta Meta() =>
        new("wf", true, 12, 1, 2, false, [new AttemptRecord("openai", "gpt-4o-mini", true, 12, null)], "openai", "gpt-4o-mini", false, false);

    /// <summary>The unstructured data object as OutputGate.Unstructured built it before.</summary>
    private static JsonObject OldUnstructured(string text) => new()
    {
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
            ["finish_reason"] = "stop",
        }),
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Unstructured_AnyText_JsonIsTheOldObjectAndShared(string text)
    {
        var output = AiOutput.Unstructured(text);

        Assert.Equal(OldUnstructured(text).ToJsonString(), output.Json.ToJsonString());
        Assert.Same(output.Json, output.Json);
        Assert.Equal(OldUnstructured(text).ToJsonString(), OutputGate.Unstructured(text).ToJsonString());
        var request = Request(null);
        request.AiResult = output;
        Assert.Same(output.Json, request.AiData);
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Unstructured_AnyText_SamePayloadAndWebhookBytesAsTheOldObject(string text)
    {
        AssertSameAsObject(AiOutput.Unstructured(text), OldUnstructured(text));
    }

    [Fact]
    public void Structured_AnyObject_SamePayloadAndWebhookBytesAsTheObject()
    {
        var data = JsonNode.Parse("""{"b":1,"7":2,"a":[1e21,0.1,-0,123456789012345678],"2":{"x":null,"1":true},"s":"\u2028 </script>"}""")!.AsObject();

        AssertSameAsObject(AiOutput.Of(data), data);
    }

    [Fact]
    public void Unstructured_LoneSurrogate_FailsOrPrintsAsTheOldObjectDid()
    {
        const string Text = "lone \ud800 end";
        var request = Request(null);
        var old = Record.Exception(() => ResponsePayloads.Success(request, OldUnstructured(Text), Meta().ToJson()));
        var now = Record.Exception(() => ResponsePayloads.Success(request, AiOutput.Unstructured(Text), Meta()));
        Assert.Equal(old?.GetType(), now?.GetType());
        if (old is null) AssertSameAsObject(AiOutput.Unstructured(Text), OldUnstructured(Text));
        else Assert.Equal(WebhookBodyFactory.StandardText(request, OldUnstructured(Text), Meta().ToJson(), Time),
            WebhookBodyFactory.StandardText(request, AiOutput.Unstructured(Text), Meta(), Time));
    }

    private static void AssertSameAsObject(AiOutput output, JsonObject data)
    {
        var standard = Request(null);
        var eventDriven = Request("new_chat");
        var meta = Meta();

        Assert.Equal(Text(ResponsePayloads.Success(standard, data, meta.ToJson())), Text(ResponsePayloads.Success(standard, output, meta)));
        Assert.Equal(WebhookBodyFactory.StandardText(standard, data, meta.ToJson(), Time), WebhookBodyFactory.StandardText(standard, output, meta, Time));
        Assert.Equal(WebhookBodyFactory.EventDrivenText(eventDriven, data, meta.ToJson(), Time), WebhookBodyFactory.EventDrivenText(eventDriven, output, meta, Time));
        // Twice: the printed text is kept for the second use.
        Assert.Equal(WebhookBodyFactory.EventDrivenText(eventDriven, data, meta.ToJson(), Time), WebhookBodyFactory.EventDrivenText(eventDriven, output, meta, Time));
    }

    private static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);
}
