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
public sealed class SimulatedOutput
{
    public string TextFor(WorkflowDefinition workflow, int seed)
    {
        if (workflow.OutputSchema is { } schema) return FakeDataGenerator.GenerateJson(schema, seed);
        // Only the Lorem data set, not a whole Faker: constructing a Faker builds every data set (~5 ms and 750 KB
        // per call, measured by tests/Perf SimulatedTextBenchmarks), which capped async accept at a few hundred per
        // second. Same randomizer, same data set, so the text is the same as faker.Lorem wrote it.
        var lorem = new Lorem { Random = new Randomizer(seed) };
        // Lorem words are letters only, so TokenSplitter makes exactly one token of each (" word").
        if (workflow.TextTokens is { } count) return string.Join(' ', lorem.Words(count));
        return lorem.Paragraph(3);
    }

    /// <summary>Output that parses but breaks any schema with required fields: the <c>invalid_output</c> fault.</summary>
    public static string InvalidText(int seed) => new JsonObject { ["unexpected"] = $"invalid output {seed}" }.ToJsonString();
}
