using System.Diagnostics;

namespace Perf.Load.Processes;

/// <summary>
/// One server of the load run as a child process (<c>setsid dotnet Perf.dll serve &lt;role&gt; …</c>): its own
/// process group, so it can be stopped with its whole tree, and its own CPU, memory and GC, so "FakeRiver's cost"
/// is FakeRiver's process alone. <see cref="ColdStartMs"/> is spawn → first HTTP answer.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly SemaphoreSlim _io = new(1, 1);
    private bool _disposed;

    private ServerProcess(string role, Process process, string url, double coldStartMs)
    {
        Role = role;
        _process = process;
        Url = url;
        ColdStartMs = coldStartMs;
    }

    public string Role { get; }

    public string Url { get; }

    public int Pid => _process.Id;

    public double ColdStartMs { get; }

    public static async Task<ServerProcess> StartAsync(string role, params string[] args)
    {
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(typeof(ServeCommand).Assembly.Location);
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(role);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var started = Ticks.Now();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {role}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        string? url = null;
        while (url is null)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"{role} exited before it was ready (exit code {(process.HasExited ? process.ExitCode : -1)})");
            if (line.StartsWith("ready ", StringComparison.Ordinal)) url = line["ready ".Length..].TrimEnd('/');
        }
        using (var http = new HttpClient())
        {
            // Any answer counts (a 404 too): the server is up and serving.
            using var response = await http.GetAsync(url + "/", timeout.Token);
        }
        return new ServerProcess(role, process, url, Math.Round(Ticks.ToMilliseconds(Ticks.Now() - started), 1));
    }

    /// <summary>The server's GC counters, asked over stdin (one line back on stdout).</summary>
    public async Task<ServerStats> StatsAsync()
    {
        await _io.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync("stats");
            await _process.StandardInput.FlushAsync();
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (ServerStats.Parse(line) is { } stats) return stats;
            }
            throw new InvalidOperationException($"{Role} exited while asked for stats");
        }
        finally
        {
            _io.Release();
        }
    }

    public async Task<ServerMeter> MeterAsync() => new(this, await StatsAsync());

    /// <summary>Closing stdin stops the server; a server that has not stopped after 10 s is killed with its group.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _io.Dispose();
    }
}
