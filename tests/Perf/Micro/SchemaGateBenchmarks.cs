using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using FakeRiver.StructuredOutput;

namespace Perf.Micro;

/// <summary>
/// The streaming schema gate as the failover router drives it: one session per attempt, the output fed in 4-character
/// deltas (about a token each). One operation = a whole output of N array items checked delta by delta. Linear time
/// shows as the 10,000-item run costing about ten times the 1,000-item run.
/// </summary>
[MemoryDiagnoser]
public class SchemaGateBenchmarks
{
    private const int DeltaChars = 4;

    private readonly StreamingSchemaGate _gate = new(new OutputValidator());
    private JsonObject _schema = null!;
    private string _output = null!;

    [Params(1_000, 10_000)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _schema = (JsonObject)JsonNode.Parse("""
            {"type":"object","required":["items"],"additionalProperties":false,"properties":{
              "items":{"type":"array","minItems":1,"items":{"type":"object","required":["task","priority","hours"],
                "additionalProperties":false,"properties":{"task":{"type":"string"},"priority":{"enum":["high","medium","low"]},
                "hours":{"type":"number","minimum":0}}}}}}
            """)!;
        string[] priorities = ["high", "medium", "low"];
        var text = new StringBuilder("""{"items":[""");
        for (var i = 0; i < Items; i++)
        {
            if (i > 0) text.Append(',');
            text.Append($$"""{"task":"Task number {{i % 10}} to do","priority":"{{priorities[i % 3]}}","hours":{{i % 8}}.5}""");
        }
        _output = text.Append("]}").ToString();
    }

    [Benchmark]
    public long StreamInDeltas()
    {
        var session = _gate.Open(_schema);
        for (var at = 0; at < _output.Length; at += DeltaChars)
        {
            if (!session.TryAppend(_output.AsSpan(at, Math.Min(DeltaChars, _output.Length - at)))) throw new InvalidOperationException(session.Violation);
        }
        return session.CharactersScanned;
    }
}
