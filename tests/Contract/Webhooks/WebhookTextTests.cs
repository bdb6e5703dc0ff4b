using System.Text.Json.Nodes;
using FakeRiver.Requests;
using FakeRiver.Webhooks;
using FakeRiver.Workflows;
using ModelRiver.Wire.Json;

namespace Contract.Webhooks;

/// <summary>
/// The pipeline prints its webhooks straight to text (<see cref="WebhookBodyFactory"/>'s text variants, no JsonObject
/// body): each must be byte for byte what JsJson prints for the JsonObject body, data slice included.
/// </summary>
public class WebhookTextTests
{
    private static readonly DateTimeOffset Time = new(2026, 1, 5, 10, 0, 0, 7, TimeSpan.Zero);

    public static TheoryData<string> Datas => new()
    {
        """{"reply":"Hi!"}""",
        """{"choices":[{"index":0,"message":{"role":"assistant","content":"hé \ud83d\ude00 \u2028 </script>"},"finish_reason":"stop"}]}""",
        """{"b":1,"7":2,"a":[1e21,0.1,-0,123456789012345678],"2":{"x":null,"1":true}}""",
        """{}""",
    };

    private static RiverRequest Request(string? eventName, JsonObject customerData) =>
        new("ch-1", "proj-1", new WorkflowDefinition { Name = "support-triage", Providers = [] }, Time)
        {
            PublicBaseUri = new Uri("http://127.0.0.1:5000/"),
            EventName = eventName,
            CustomerData = customerData,
        };

    private static JsonObject Meta() => new()
    {
        ["workflow"] = "support-triage",
        ["duration_ms"] = 912L,
        ["tokens"] = new JsonObject { ["prompt"] = 3, ["completion"] = 5, ["total"] = 8 },
        ["structured_output"] = false,
        ["attempts"] = new JsonArray(new JsonObject { ["provider"] = "openai", ["success"] = true, ["duration_ms"] = 900L }),
    };

    [Theory]
    [MemberData(nameof(Datas))]
    public void StandardText_AnyData_MatchesJsJsonOfTheBody(string dataJson)
    {
        var data = (JsonObject)JsonNode.Parse(dataJson)!;
        var request = Request(null, new JsonObject { ["user_id"] = "u-1", ["9"] = 1 });
        var meta = Meta();

        var text = WebhookBodyFactory.StandardText(request, data, meta, Time);
        var body = WebhookBodyFactory.Standard(request, data, meta, Time);

        Assert.Equal(JsJson.Stringify(body), text.Body);
        Assert.Equal(JsJson.Stringify(body["data"]), text.DataText);
        Assert.Equal(WebhookBodyFactory.CompletedType, text.Type);
        Assert.Null(text.CallbackUrl);
    }

    [Theory]
    [MemberData(nameof(Datas))]
    public void EventDrivenText_AnyData_MatchesJsJsonOfTheBody(string dataJson)
    {
        var data = (JsonObject)JsonNode.Parse(dataJson)!;
        var request = Request("new_chat", new JsonObject { ["user_id"] = "u-1" });

        var text = WebhookBodyFactory.EventDrivenText(request, data, meta: (JsonObject?)null, Time);
        var body = WebhookBodyFactory.EventDriven(request, data, null, Time);

        Assert.Equal(JsJson.Stringify(body), text.Body);
        Assert.Equal(JsJson.Stringify(body["data"]), text.DataText);
        Assert.Equal(request.CallbackUrl, text.CallbackUrl);
    }

    [Fact]
    public void ErrorText_WithAndWithoutMeta_MatchesJsJsonOfTheBody()
    {
        var request = Request(null, []);
        foreach (var meta in new[] { Meta(), null })
        {
            var text = WebhookBodyFactory.ErrorText(request, "All providers \"failed\"", "all_providers_failed", meta, Time);
            var body = WebhookBodyFactory.Error(request, "All providers \"failed\"", "all_providers_failed", meta, Time);

            Assert.Equal(JsJson.Stringify(body), text.Body);
            Assert.Equal("{}", text.DataText);
        }
    }
}
