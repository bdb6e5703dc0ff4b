using FakeRiver.Providers;
using FakeRiver.Workflows;

namespace Contract.Workflows;

/// <summary><c>text_tokens</c>: plain-text workflows stream an exact number of tokens (the load benchmark relies on it).</summary>
public class TextTokensTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(1000)]
    public void TextTokens_SimulatedText_SplitsIntoExactlyThatManyTokens(int count)
    {
        var catalog = WorkflowFileLoader.Load(
            $"workflows:\n  - name: w\n    text_tokens: {count}\n    providers: [{{provider: p, model: m}}]\n", "w.yaml");
        Assert.True(catalog.TryGet("w", out var workflow));
        Assert.Equal(count, workflow.TextTokens);

        foreach (var seed in new[] { 1, 42, 7919 })
        {
            Assert.Equal(count, TokenSplitter.Split(new SimulatedOutput().TextFor(workflow, seed)).Count);
        }
    }

    [Theory]
    [InlineData("workflows:\n  - name: w\n    text_tokens: 0\n    providers: [{provider: p, model: m}]\n", "w.yaml:3: workflows[0].text_tokens: expected a positive integer, got \"0\"")]
    [InlineData("workflows:\n  - name: w\n    structured_output: {a: string}\n    text_tokens: 5\n    providers: [{provider: p, model: m}]\n", "w.yaml:4: workflows[0].text_tokens: only for plain-text workflows (remove structured_output or text_tokens)")]
    public void TextTokens_Invalid_RejectedWithPosition(string yaml, string message)
    {
        var error = Assert.Throws<WorkflowConfigException>(() => WorkflowFileLoader.Load(yaml, "w.yaml"));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
