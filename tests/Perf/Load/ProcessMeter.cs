using System.Diagnostics;

namespace Perf.Load;

/// <summary>
/// CPU time and peak working set of this process over one phase. Everything (servers and clients) runs in this
/// process, so the numbers cover the whole loopback system, driver included.
/// </summary>
public sealed class ProcessMeter : IAsyncDisposable
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly TimeSpan _cpuAtStart;
    private readonly TimeSpan _pauseAtStart = GC.GetTotalPauseDuration();
    private readonly long _allocatedAtStart = GC.GetTotalAllocatedBytes();
    private readonly int[] _collectionsAtStart = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly long _startedAt = Ticks.Now();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peakBytes;

    public ProcessMeter()
    {
        _cpuAtStart = _process.TotalProcessorTime;
        _sampler = SampleAsync();
    }

    public async Task<ProcessUsage> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _process.Refresh();
        return new ProcessUsage(Math.Round((_process.TotalProcessorTime - _cpuAtStart).TotalSeconds, 2),
            Math.Round(Ticks.ToMilliseconds(Ticks.Now() - _startedAt) / 1000, 2),
            Math.Round(Math.Max(_peakBytes, _process.WorkingSet64) / 1048576.0, 1),
            GC.CollectionCount(0) - _collectionsAtStart[0], GC.CollectionCount(1) - _collectionsAtStart[1],
            GC.CollectionCount(2) - _collectionsAtStart[2], Math.Round((GC.GetTotalPauseDuration() - _pauseAtStart).TotalMilliseconds, 1),
            Math.Round((GC.GetTotalAllocatedBytes() - _allocatedAtStart) / 1048576.0, 1), Math.Round(GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0, 1));
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            do
            {
                _process.Refresh();
                _peakBytes = Math.Max(_peakBytes, _process.WorkingSet64);
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopped: the last sample is taken in StopAsync.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
        _process.Dispose();
    }
}
