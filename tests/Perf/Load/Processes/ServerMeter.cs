namespace Perf.Load.Processes;

/// <summary>
/// One server process's usage over one phase: CPU seconds from /proc, peak resident set (VmHWM, the process's
/// lifetime peak: each level starts fresh servers), and the GC counters the server reports about itself.
/// </summary>
public sealed class ServerMeter(ServerProcess server, ServerStats atStart)
{
    private readonly double _cpuAtStart = ProcFs.CpuSeconds(server.Pid);
    private readonly long _startedAt = Ticks.Now();
    private readonly double _residentAtStart = ProcFs.ResidentMb(server.Pid);

    public double CpuSecondsSoFar => ProcFs.CpuSeconds(server.Pid) - _cpuAtStart;

    /// <summary>
    /// Waits until the server is idle (CPU moved &lt; 10 ms over 300 ms, at most 10 s): work the requests started in
    /// the background (pipelines, final responses) belongs to the phase.
    /// </summary>
    public async Task SettleAsync()
    {
        var last = CpuSecondsSoFar;
        for (var i = 0; i < 33; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);
            var now = CpuSecondsSoFar;
            if (now - last < 0.01) return;
            last = now;
        }
    }

    public async Task<ProcessUsage> StopAsync()
    {
        var stats = await server.StatsAsync();
        return new ProcessUsage(Math.Round(CpuSecondsSoFar, 2), Math.Round(Ticks.ToMilliseconds(Ticks.Now() - _startedAt) / 1000, 2),
            Math.Round(ProcFs.PeakResidentMb(server.Pid), 1), stats.Gen0 - atStart.Gen0, stats.Gen1 - atStart.Gen1, stats.Gen2 - atStart.Gen2,
            Math.Round(stats.PauseMs - atStart.PauseMs, 1), Math.Round((stats.AllocatedBytes - atStart.AllocatedBytes) / 1048576.0, 1),
            Math.Round(stats.HeapBytes / 1048576.0, 1))
        {
            AllocatedBytes = stats.AllocatedBytes - atStart.AllocatedBytes,
            ResidentAtStartMb = Math.Round(_residentAtStart, 1),
        };
    }
}
