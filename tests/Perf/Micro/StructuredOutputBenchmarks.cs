using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using FakeRiver.StructuredOutput;
using FakeRiver.Workflows;

namespace Perf.Micro;

/// <summary>
/// The structured-output work of every simulated attempt: generate seeded data for the default chatbot_response
/// schema, and validate an output against it (the parsed schema is cached after the first call, as in the app).
/// </summary>
[MemoryDiagnoser]
public class StructuredOutputBenchmarks
{
    private readonly OutputValidator _validator = new();
    private JsonObject _schema = null!;
    private JsonNode _valid = null!;
    private JsonNode _invalid = null!;

    [GlobalSetup]
    public void Setup()
    {
        _schema = WorkflowFileLoader.LoadEmbeddedDefaults().StructuredOutputs["chatbot_response"];
        _valid = FakeDataGenerator.Generate(_schema, seed: 42)!;
        _invalid = new JsonObject { ["reply"] = 5, ["sentiment"] = "angry" };
        _validator.Parse(_schema);
    }

    [Benchmark]
    public int ValidateValid() => _validator.Validate(_valid, _schema).Count;

    [Benchmark]
    public int ValidateInvalid() => _validator.Validate(_invalid, _schema).Count;

    [Benchmark]
    public string GenerateFakeData() => FakeDataGenerator.GenerateJson(_schema, seed: 42);
}
