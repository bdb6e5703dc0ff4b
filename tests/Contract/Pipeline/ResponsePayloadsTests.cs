using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeRiver.Pipeline;
using FakeRiver.Requests;
using FakeRiver.Workflows;

namespace Contract.Pipeline;

/// <summary>
/// The <c>response</c> and <c>status</c> payloads are written straight to UTF-8: each must be the bytes the
/// equivalent JsonObject serializes to under the wire options (same order, same escaping), as before.
/// </summary>
public class ResponsePayloadsTests
{
    private static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static RiverRequest Request(string? eventName) =>
        new("ch-1", "proj-1", new WorkflowDefinition { Name = "wf", Providers = [] }, DateTimeOffset.UnixEpoch)
        {
            PublicBaseUri = new Uri("http://127.0.0.1:5000/"),
            EventName = eventName,
            CustomerData = new JsonObject { ["user"] = "é <b>\u2028", ["n"] = 1.5 },
        };

    private static string Text(JsonObject expected) => JsonSerializer.Serialize(expected, Wire);

    private static JsonObject Meta() => new()
    {
        ["workflow"] = "wf",
        ["duration_ms"] = 12L,
        ["provider"] = "openai",
        ["model"] = "gpt-4o-mini",
        ["attempts"] = new JsonArray(new JsonObject { ["provider"] = "openai", ["success"] = true }),
    };

    [Fact]
    public void Success_Payload_SerializesAsTheObject()
    {
        var request = Request(null);
        var data = (JsonObject)JsonNode.Parse("""{"reply":"hi \"there\" 😀","list":[1,2]}""")!;
        var meta = Meta();

        var bytes = ResponsePayloads.Success(request, data, meta);

        Assert.Equal(Text(new JsonObject
        {
            ["status"] = "success",
            ["channel_id"] = "ch-1",
            ["model"] = "gpt-4o-mini",
            ["data"] = data.DeepClone(),
            ["customer_data"] = request.CustomerData.DeepClone(),
            ["meta"] = meta.DeepClone(),
        }), Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void OtherPayloads_SerializeAsTheirObjects()
    {
        var request = Request("new_chat");
        var data = new JsonObject { ["x"] = 1 };
        var metadata = new JsonObject { ["k"] = "v" };

        Assert.Equal(Text(new JsonObject
        {
            ["status"] = "ai_generated",
            ["channel_id"] = "ch-1",
            ["event_name"] = "new_chat",
            ["message"] = "AI generated; waiting for callback",
            ["meta"] = new JsonObject { ["duration_ms"] = 40L },
        }), Encoding.UTF8.GetString(ResponsePayloads.AiGenerated(request, 40)));
        Assert.Equal(Text(new JsonObject
        {
            ["status"] = "completed",
            ["channel_id"] = "ch-1",
            ["task_id"] = "t-1",
            ["data"] = data.DeepClone(),
            ["customer_data"] = request.CustomerData.DeepClone(),
            ["callback_metadata"] = metadata.DeepClone(),
        }), Encoding.UTF8.GetString(ResponsePayloads.Completed(request, data, "t-1", metadata)));
        Assert.Equal(Text(new JsonObject
        {
            ["status"] = "completed",
            ["channel_id"] = "ch-1",
            ["data"] = data.DeepClone(),
            ["customer_data"] = request.CustomerData.DeepClone(),
        }), Encoding.UTF8.GetString(ResponsePayloads.Completed(request, data, null, null)));
        Assert.Equal(Text(new JsonObject
        {
            ["status"] = "error",
            ["channel_id"] = "ch-1",
            ["error"] = new JsonObject { ["message"] = "bad <x>", ["code"] = "c" },
            ["meta"] = Meta(),
        }), Encoding.UTF8.GetString(ResponsePayloads.Error(request, "c", "bad <x>", Meta())));
        Assert.Equal(Text(new JsonObject
        {
            ["channel_id"] = "ch-1",
            ["status"] = "failover",
            ["attempt"] = 2,
            ["provider"] = null,
            ["model"] = "m",
            ["reason"] = "timeout",
        }), Encoding.UTF8.GetString(ResponsePayloads.Status(request, "failover", 2, null, "m", "timeout")));
    }
}
