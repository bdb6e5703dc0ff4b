using System.Text.Json.Nodes;

namespace Contract.Phoenix;

/// <summary>A frame the test client received, parsed with plain JsonNode (not with the codec under test).</summary>
internal sealed record ReceivedFrame(string? JoinRef, string? Ref, string Topic, string Event, JsonObject Payload)
{
    public string? Status => Payload["status"]?.GetValue<string>();

    public string? Reason => Payload["response"]?["reason"]?.GetValue<string>();

    public static ReceivedFrame Parse(string text)
    {
        var node = JsonNode.Parse(text);
        if (node is JsonArray array)
        {
            Assert.Equal(5, array.Count);
            return new ReceivedFrame(
                array[0]?.GetValue<string>(), array[1]?.GetValue<string>(), array[2]!.GetValue<string>(),
                array[3]!.GetValue<string>(), array[4]!.AsObject());
        }
        var obj = Assert.IsType<JsonObject>(node);
        return new ReceivedFrame(
            obj["join_ref"]?.GetValue<string>(), obj["ref"]?.GetValue<string>(), obj["topic"]!.GetValue<string>(),
            obj["event"]!.GetValue<string>(), obj["payload"]!.AsObject());
    }
}
