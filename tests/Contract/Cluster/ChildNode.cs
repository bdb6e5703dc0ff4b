using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Contract.Providers.OpenAi;
using FakeRiver;

namespace Contract.Cluster;

/// <summary>
/// A FakeRiver node as a child process of the test (the built <c>fakeriver serve</c>), so a test can kill the process
/// itself mid-stream. Ready when it logs its listening address; killed when disposed.
/// </summary>
public sealed class ChildNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _workflows;

    private ChildNode(Process process, int port, string workflows)
    {
        _process = process;
        _workflows = workflows;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    public static async Task<ChildNode> StartAsync(RedisServer redis, params string[] settings)
    {
        var workflows = Path.Combine(Path.GetTempPath(), $"fakeriver-cluster-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(workflows, ClusterNodes.Workflows);
        var port = OpenAiUpstream.FreePort();
        var start = Command(["serve", "--urls", $"http://127.0.0.1:{port}", "--config", workflows,
            $"--FakeRiver:Redis={redis.ConnectionString}", "--FakeRiver:ClusterLease=00:00:01",
            $"--MODELRIVER_API_KEY={DevDefaults.ApiKey}", .. settings]);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var node = new ChildNode(process, port, workflows);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Now listening on", StringComparison.Ordinal) == true) ready.TrySetResult();
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"node exited with {process.ExitCode}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return node;
    }

    /// <summary>Posts an async request of <paramref name="workflow"/> to this node with the dev key; returns its pending answer.</summary>
    public async Task<JsonObject> AcceptAsync(string workflow)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", DevDefaults.ApiKey);
        using var accepted = await http.PostAsJsonAsync("/v1/ai/async", new { workflow, messages = new[] { new { role = "user", content = "Hi" } } });
        accepted.EnsureSuccessStatusCode();
        return (JsonObject)JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!;
    }

    /// <summary>Runs the tool to its exit: (exit code, standard error, standard output).</summary>
    public static async Task<(int ExitCode, string Error, string Output)> RunToExitAsync(params string[] args)
    {
        using var process = Process.Start(Command(args)) ?? throw new InvalidOperationException("dotnet did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await error, await output);
    }

    /// <summary>Kills the node's process (no shutdown: its lease simply stops being renewed).</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        File.Delete(_workflows);
    }

    private static ProcessStartInfo Command(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FakeRiver.Tool.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }
}
