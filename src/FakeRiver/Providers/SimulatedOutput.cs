using System.Text.Json.Nodes;
using Bogus;
using Bogus.DataSets;
using FakeRiver.StructuredOutput;
using FakeRiver.Workflows;

namespace FakeRiver.Providers;

/// <summary>
/// The text a simulated model "writes" for a request: seeded, schema-valid JSON for structured workflows, a few
/// sentences otherwise. It depends only on the workflow and the seed, never on which provider plays it, so a
/// backup provider can continue exactly where a failed one stopped.
/// </summary>
internal sealed class SimulatedOutput
{
    public string TextFor(WorkflowDefinition workflow, int seed)
    {
        if (workflow.OutputSchema is { } schema) return FakeDataGenerator.GenerateJson(schema, seed);
        // Only the Lorem data set: a whole Faker builds every data set (~5 ms and 750 KB per call, measured by
        // tests/Perf SimulatedTextBenchmarks), on every attempt. Same randomizer and data set, so the same text.
        var lorem = new Lorem { Random = new Randomizer(seed) };
        // Lorem words are letters only, so TokenSplitter makes exactly one token of each (" word").
        if (workflow.TextTokens is { } count) return string.Join(' ', lorem.Words(count));
        return lorem.Paragraph(3);
    }
}
