using System.Globalization;
using ChatBackend;
using FakeRiver.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Perf.Load;


/// <summary>
/// FakeRiver (through the FakeRiver.Testing fixture) and ChatBackend as real Kestrel servers on loopback, wired to each other, with a workflow file made
/// for the run: one simulated provider whose first token comes after P ms and then one every P ms, exactly M
/// tokens of plain text (<c>text_tokens</c>), event-driven so the webhook and callback hops are exercised.
/// </summary>
public sealed class RiverStack : IAsyncDisposable
{
    public const string StreamWorkflow = "perf_stream";
    public const string AcceptWorkflow = "perf_accept";
    public const string WarmupWorkflow = "perf_warmup";
    public const int WarmupTokens = 5;
    public const string ApiKey = "mr_perf_key";

    // The backend's SQLite file: this process's own, deleted with the stack.
    private static readonly string DatabasePath = Path.Combine(Path.GetTempPath(), $"perf-backend-{Environment.ProcessId}.db");

    private readonly FakeRiverServer _river;
    private readonly WebApplication _backend;

    private RiverStack(FakeRiverServer river, WebApplication backend, string backendUrl)
    {
        _river = river;
        _backend = backend;
        RiverUrl = river.Url;
        BackendUrl = backendUrl;
    }

    public string RiverUrl { get; }

    public string BackendUrl { get; }

    public static async Task<RiverStack> StartAsync(int tokens, int paceMs)
    {
        var backendUrl = $"http://127.0.0.1:{FreePort.Next()}";
        const string secret = "perf_webhook_secret";

        var river = await FakeRiverServer.StartAsync(o =>
        {
            o.Transport = FakeRiverTransport.Loopback;
            o.ApiKey = ApiKey;
            o.WebhookSecret = secret;
            o.WorkflowsYaml = WorkflowYaml(tokens, paceMs);
            // Long runs must not hit the token lifetime or the callback timeout before the stream ends.
            o.Settings["FakeRiver:TokenTtl"] = "00:30:00";
            o.Settings["FakeRiver:CallbackTimeout"] = "00:30:00";
            // Webhooks go to the backend over real loopback.
            o.OutboundHandler = () => new SocketsHttpHandler();
            o.ConfigureLogging = logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        });
        var riverUrl = river.Url;
        var backend = ChatBackendApp.Create([], new Dictionary<string, string?>
        {
            ["urls"] = backendUrl,
            ["BACKEND_PUBLIC_URL"] = backendUrl,
            ["MODELRIVER_API_URL"] = riverUrl,
            ["MODELRIVER_API_KEY"] = ApiKey,
            ["WEBHOOK_SECRET"] = secret,
            // The backend's SQLite file: the stack's own, deleted with it.
            ["CHATBACKEND_DB"] = DatabasePath,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await backend.StartAsync();
        return new RiverStack(river, backend, backendUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _backend.StopAsync();
        await _river.DisposeAsync();
        await _backend.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(DatabasePath + suffix);
    }

    private static string WorkflowYaml(int tokens, int paceMs)
    {
        var rate = (1000.0 / paceMs).ToString("R", CultureInfo.InvariantCulture);
        return $"""
            workflows:
              - name: {StreamWorkflow}
                event_name: new_chat
                text_tokens: {tokens}
                providers:
                  - provider: openai
                    model: gpt-4o-mini
                    ttft_ms: {paceMs}
                    tokens_per_second: {rate}
              # Warm-up (JIT, pools): the same path with a short stream, so it does not add M x P to every level.
              - name: {WarmupWorkflow}
                event_name: new_chat
                text_tokens: {WarmupTokens}
                providers:
                  - provider: openai
                    model: gpt-4o-mini
                    ttft_ms: {paceMs}
                    tokens_per_second: {rate}
              # The accept comparison: a standard request whose background work is one immediate token.
              - name: {AcceptWorkflow}
                text_tokens: 1
                providers:
                  - provider: openai
                    model: gpt-4o-mini
            """;
    }
}
