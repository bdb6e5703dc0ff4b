using System.Text.Json.Nodes;
using FakeRiver.Requests;
using FakeRiver.Webhooks;
using FakeRiver.Workflows;
using ModelRiver.Wire.Json;

namespace Contract.Webhooks;

public class WebhookBodyFactoryTests
{
    private static readonly DateTimeOffset Time = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private static RiverRequest Request(string? eventName) =>
        new("ch-1", "proj-1", new WorkflowDefinition { Name = "support-triage", Providers = [] }, Time)
        {
            PublicBaseUri = new Uri("http://127.0.0.1:5000/"),
            EventName = eventName,
            CustomerData = new JsonObject { ["user_id"] = "u-1" },
        };

    [Fact]
    public void Standard_Request_HasDocumentedFieldsInOrder()
    {
        var body = WebhookBodyFactory.Standard(Request(null), new JsonObject { ["reply"] = "Hi!" }, new JsonObject { ["duration_ms"] = 900 }, Time);

        Assert.Equal(
            """{"type":"task.completed","workflow":"support-triage","status":"success","channel_id":"ch-1","data":{"reply":"Hi!"},"meta":{"duration_ms":900},"customer_data":{"user_id":"u-1"},"timestamp":"2026-01-05T10:00:00.000Z"}""",
            JsJson.Stringify(body));
    }

    [Fact]
    public void EventDriven_Request_HasCallbackAndDataCopy()
    {
        var data = new JsonObject { ["reply"] = "Hi!" };
        var body = WebhookBodyFactory.EventDriven(Request("new_chat"), data, null, Time.AddMilliseconds(7));

        Assert.Equal(
            """{"type":"task.ai_generated","event":"new_chat","channel_id":"ch-1","ai_response":{"data":{"reply":"Hi!"}},"callback_url":"http://127.0.0.1:5000/v1/callback/ch-1","callback_required":true,"meta":{},"customer_data":{"user_id":"u-1"},"timestamp":"2026-01-05T10:00:00.007Z","data":{"reply":"Hi!"}}""",
            JsJson.Stringify(body));
        Assert.NotSame(body["data"], body["ai_response"]!["data"]);
        Assert.Null(data.Parent);
    }

    [Fact]
    public void Error_Request_HasEmptyDataAndError()
    {
        var body = WebhookBodyFactory.Error(Request(null), "All providers failed", "all_providers_failed", null, Time);

        Assert.Equal("error", (string?)body["status"]);
        Assert.Equal("{}", JsJson.Stringify(body["data"]));
        Assert.Equal("""{"message":"All providers failed","code":"all_providers_failed"}""", JsJson.Stringify(body["error"]));
        Assert.Equal("task.completed", (string?)body["type"]);
    }
}
