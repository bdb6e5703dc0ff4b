using Bogus;
using FakeRiver.Providers;
using FakeRiver.Workflows;

namespace Contract.Providers;

/// <summary>Plain-text simulated output is seeded and stays what a whole Faker's Lorem wrote (replays stay byte-identical).</summary>
public class SimulatedOutputTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(123456)]
    public void TextFor_PlainWorkflow_SameAsFakerLoremParagraph(int seed)
    {
        var catalog = WorkflowFileLoader.Load("workflows:\n  - name: w\n    providers: [{provider: p, model: m}]\n", "w.yaml");
        Assert.True(catalog.TryGet("w", out var workflow));

        var expected = new Faker { Random = new Randomizer(seed) }.Lorem.Paragraph(3);

        Assert.Equal(expected, new SimulatedOutput().TextFor(workflow, seed));
    }
}
