using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using FakeRiver.Requests;

namespace Perf.Micro;

/// <summary>
/// One token appended to a channel log with N live subscriptions. Each invocation also drains every subscriber
/// (what the N socket loops do), otherwise the unbounded subscriber queues would grow across iterations and the
/// measurement would include ever larger GC work instead of the fan-out itself. The log keeps every token for late
/// joiners, so it is rebuilt before each iteration and an iteration has a fixed number of appends.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(16384)]
public class FanOutBenchmarks
{
    private ChannelLog _log = null!;
    private ChannelReader<ChannelEvent>[] _readers = [];

    [Params(1, 100, 1000)]
    public int Subscribers { get; set; }

    [IterationSetup]
    public void Setup()
    {
        _log = new ChannelLog("0b6f1d6e-1c1e-4c53-9a53-4f1c2d3e4f50");
        _readers = [.. Enumerable.Range(0, Subscribers).Select(_ => _log.Subscribe(afterSeq: 0).Live)];
    }

    [Benchmark]
    public long AppendTokenAndDrain()
    {
        var evt = _log.AppendToken(" lorem", attempt: 1, "openai", "gpt-4o-mini");
        foreach (var reader in _readers)
        {
            while (reader.TryRead(out _)) { }
        }
        return evt.Seq;
    }
}
