using System.Globalization;
using ChatBackend;
using FakeRiver.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Perf.Load;


/// <summary>
/// The two servers of the FakeRiver side, each started in its own process by <c>serve river</c> / <c>serve backend</c>:
/// FakeRiver (through the FakeRiver.Testing fixture, real Kestrel on loopback) with a workflow file made for the run
/// (one simulated provider whose first token comes after P ms and then one every P ms, exactly M tokens of plain
/// text via <c>text_tokens</c>, event-driven so the webhook and callback hops are exercised), and ChatBackend pointed at it.
/// </summary>
public static class RiverStack
{
    public const string StreamWorkflow = "perf_stream";
    public const string AcceptWorkflow = "perf_accept";
    public const string WarmupWorkflow = "perf_warmup";
    public const int WarmupTokens = 5;
    public const string ApiKey = "mr_perf_key";
    private const string Secret = "perf_webhook_secret";

    // The backend's SQLite file: its process's own, deleted when it stops (DeleteBackendDatabase).
    private static readonly string DatabasePath = Path.Combine(Path.GetTempPath(), $"perf-backend-{Environment.ProcessId}.db");

    public static Task<FakeRiverServer> StartRiverAsync(int tokens, int paceMs) =>
        FakeRiverServer.StartAsync(o =>
        {
            o.Transport = FakeRiverTransport.Loopback;
            o.ApiKey = ApiKey;
            o.WebhookSecret = Secret;
            o.WorkflowsYaml = WorkflowYaml(tokens, paceMs);
            // Long runs must not hit the token lifetime or the callback timeout before the stream ends.
            o.Settings["FakeRiver:TokenTtl"] = "00:30:00";
            o.Settings["FakeRiver:CallbackTimeout"] = "00:30:00";
            // Webhooks go to the backend over real loopback.
            o.OutboundHandler = () => new SocketsHttpHandler();
            // stdout carries the ready/stats protocol with the driver; logs go to stderr.
            o.ConfigureLogging = logging => logging.AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        });

    public static WebApplication CreateBackend(string backendUrl, string riverUrl) =>
        ChatBackendApp.Create([], new Dictionary<string, string?>
        {
            ["urls"] = backendUrl,
            ["BACKEND_PUBLIC_URL"] = backendUrl,
            ["MODELRIVER_API_URL"] = riverUrl,
            ["MODELRIVER_API_KEY"] = ApiKey,
            ["WEBHOOK_SECRET"] = Secret,
            ["CHATBACKEND_DB"] = DatabasePath,
            ["Logging:LogLevel:Default"] = "Warning",
        });

    public static void DeleteBackendDatabase()
    {
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
