using System.Diagnostics;
using System.Text;

namespace FakeRiver.Scenarios.Running;

/// <summary>
/// A backend the runner starts itself (<c>--backend-cmd</c>): <c>/bin/sh -c &lt;command&gt;</c> with PORT,
/// MODELRIVER_API_URL, MODELRIVER_API_KEY, WEBHOOK_SECRET and BACKEND_PUBLIC_URL set. Disposing kills the whole
/// process tree, so a shell wrapper cannot leave its server behind.
/// </summary>
internal sealed class BackendProcess : IAsyncDisposable
{
    /// <summary>How long a backend may take to answer its first HTTP request.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private const int OutputTail = 4000;
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BackendProcess(Process process) => _process = process;

    /// <summary>The last lines the backend printed (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts the command and waits until the backend answers HTTP; throws <see cref="BackendStartException"/> otherwise.</summary>
    public static async Task<BackendProcess> StartAsync(string command, Uri backend, IReadOnlyDictionary<string, string> env, CancellationToken ct)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        foreach (var (key, value) in env) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new BackendStartException($"could not start '{command}'");
        var started = new BackendProcess(process);
        process.OutputDataReceived += (_, e) => started.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => started.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started.WaitUntilAnswersAsync(command, backend, ct);
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilAnswersAsync(string command, Uri backend, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
                throw new BackendStartException($"backend command '{command}' exited ({_process.ExitCode}) before answering on {backend}:\n{Output}");
            if (await BackendProbe.AnswersAsync(http, backend, ct)) return;
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, ct);
        }
        throw new BackendStartException($"backend command '{command}' did not answer HTTP on {backend} within {StartTimeout.TotalSeconds:0} s:\n{Output}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > OutputTail) _output.Remove(0, _output.Length - OutputTail);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or refusing to die within the bound: nothing more the runner can do.
        }
        _process.Dispose();
    }
}
