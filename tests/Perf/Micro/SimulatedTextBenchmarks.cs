using BenchmarkDotNet.Attributes;
using FakeRiver.Providers;
using FakeRiver.Workflows;

namespace Perf.Micro;

/// <summary>
/// The text a simulated provider writes for a plain-text workflow, and its split into tokens: work done once per
/// attempt on the request's background task, right after async accept.
/// </summary>
[MemoryDiagnoser]
public class SimulatedTextBenchmarks
{
    private readonly SimulatedOutput _output = new();
    private WorkflowDefinition _paragraph = null!;
    private WorkflowDefinition _fiftyTokens = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = WorkflowFileLoader.Load("""
            workflows:
              - name: paragraph
                providers: [{provider: p, model: m}]
              - name: fifty
                text_tokens: 50
                providers: [{provider: p, model: m}]
            """, "bench.yaml");
        catalog.TryGet("paragraph", out _paragraph);
        catalog.TryGet("fifty", out _fiftyTokens);
    }

    [Benchmark]
    public int Paragraph() => TokenSplitter.Split(_output.TextFor(_paragraph, 42)).Count;

    [Benchmark]
    public int FiftyTokens() => TokenSplitter.Split(_output.TextFor(_fiftyTokens, 42)).Count;
}
