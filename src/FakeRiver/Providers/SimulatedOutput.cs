using System.Text.Json.Nodes;
using Bogus;
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
        // Only the Lorem data set: a whole Faker costs tens of milliseconds to build, on every attempt.
        return new Bogus.DataSets.Lorem { Random = new Randomizer(seed) }.Paragraph(3);
    }
}
