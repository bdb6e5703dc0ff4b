using System.Text;
using System.Text.Json.Nodes;
using FakeRiver.StructuredOutput;

namespace Contract.StructuredOutput.Gate;

/// <summary>
/// Linearity counted, not timed: the work measure is characters scanned, and each delta adds exactly its own
/// length — so a stream of N tokens costs O(total text), however long it already is (the gate it replaced re-read
/// the whole prefix per token: O(text²)).
/// </summary>
public class GateLinearityTests
{
    private static readonly JsonObject Schema = (JsonObject)JsonNode.Parse("""
        {"type":"object","required":["items"],"additionalProperties":false,"properties":{
          "items":{"type":"array","minItems":1,"items":{"type":"object","required":["task","priority"],"additionalProperties":false,
            "properties":{"task":{"type":"string"},"priority":{"enum":["high","medium","low"]}}}}}}
        """)!;

    [Theory]
    [InlineData(1_000)]
    [InlineData(10_000)]
    public void Session_ArrayOfNItemsInSmallDeltas_ScansEachCharacterOnce(int items)
    {
        var text = Output(items);
        var session = new StreamingSchemaGate(new OutputValidator()).Open(Schema);
        long before = 0;

        for (var at = 0; at < text.Length; at += 4)
        {
            var delta = text.AsSpan(at, Math.Min(4, text.Length - at));
            Assert.True(session.TryAppend(delta), session.Violation);
            Assert.Equal(before + delta.Length, session.CharactersScanned);
            before = session.CharactersScanned;
        }

        Assert.Equal(text.Length, session.CharactersScanned);
    }

    [Fact]
    public void Session_TenTimesTheItems_TenTimesTheWork()
    {
        var gate = new StreamingSchemaGate(new OutputValidator());
        var small = gate.Open(Schema);
        var large = gate.Open(Schema);

        small.TryAppend(Output(1_000));
        large.TryAppend(Output(10_000));

        Assert.InRange((double)large.CharactersScanned / small.CharactersScanned, 9.9, 10.1);
    }

    internal static string Output(int items)
    {
        var text = new StringBuilder("""{"items":[""");
        string[] priorities = ["high", "medium", "low"];
        for (var i = 0; i < items; i++)
        {
            if (i > 0) text.Append(',');
            text.Append($$"""{"task":"Task number {{i % 10}} to do","priority":"{{priorities[i % 3]}}"}""");
        }
        return text.Append("]}").ToString();
    }
}
