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
        var faker = new Faker { Random = new Randomizer(seed) };
        // Lorem words are letters only, so TokenSplitter makes exactly one token of each (" word").
        if (workflow.TextTokens is { } count) return string.Join(' ', faker.Lorem.Words(count));
        return faker.Lorem.Paragraph(3);
    }

    /// <summary>Output that parses but breaks any schema with required fields: the <c>invalid_output</c> fault.</summary>
    public static string InvalidText(int seed) => new JsonObject { ["unexpected"] = $"invalid output {seed}" }.ToJsonString();
}
