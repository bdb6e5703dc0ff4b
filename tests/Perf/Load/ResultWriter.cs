using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Perf.Load;

/// <summary>Writes a run's results as JSON, a Markdown table and CDF plots into one folder.</summary>
public static class ResultWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // A ratio whose denominator is 0 is NaN; say so instead of failing the whole report.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write(string directory, LoadReport report)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "load.json"), JsonSerializer.Serialize(report, Json) + "\n");
        File.WriteAllText(Path.Combine(directory, "load.md"), Markdown(report));
        CdfPlot.Save(Path.Combine(directory, "load-itl-cdf.png"), $"Inter-token latency (pace {report.PaceMs} ms, {report.Tokens} tokens/stream)",
            "inter-token latency (ms)", report.Levels, m => m.ItlSamplesUs);
        CdfPlot.Save(Path.Combine(directory, "load-ttft-cdf.png"), "Time to first token (FakeRiver: POST /chat -> token; limit: connect -> token)",
            "time to first token (ms)", report.Levels, m => m.TtftSamplesUs);
    }

    private static string Markdown(LoadReport r)
    {
        var md = new StringBuilder();
        var m = r.Machine;
        Line(md, $"# Load run: {r.Tokens} tokens per stream, pace {r.PaceMs} ms");
        Line(md, "");
        Line(md, $"- command: `{r.Command}`");
        Line(md, $"- machine: {m.Cpu}, {m.Cores} cores, {m.Os}, {m.Dotnet}, GC {m.Gc}");
        Line(md, $"- load average (1/5/15 min): {m.LoadAverage} before, {r.LoadAverageAfter} after");
        Line(md, $"- git commit: {m.GitCommit}");
        Line(md, "");
        Line(md, "Latencies in ms (p50 / p95 / p99 / max). FakeRiver = browser -> ChatBackend -> FakeRiver -> socket; limit = bare Kestrel WebSocket on the same schedule.");
        Line(md, "");
        Line(md, "| streams | side | ramp s | TTFT | ITL (all N live) | ITL p99 - pace | ITL incl. ramp-up | end to end | accept (/chat) | webhook round trip | callback -> completed | lost / dup | errors | driver CPU s / wall s | driver peak WS MB | driver GC gen0/1/2, pause ms | driver allocated MB |");
        Line(md, "|---:|---|---:|---|---|---:|---|---|---|---|---|---|---:|---|---:|---|---:|");
        foreach (var level in r.Levels)
        {
            Side(md, level.Streams, "FakeRiver", level.FakeRiver);
            Side(md, level.Streams, "limit", level.Limit);
        }
        Line(md, "");
        Line(md, "| streams | overhead p99 ratio (ITL p99 excess, FakeRiver / limit) | ITL p99 ratio | accept req/s FakeRiver | accept req/s WireMock.Net | accept ratio | accept concurrency | accept p99 ms FakeRiver / WireMock.Net | CPU ms per request FakeRiver / WireMock.Net |");
        Line(md, "|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var l in r.Levels)
        {
            Line(md, $"| {l.Streams} | {l.OverheadP99Ratio} | {l.ItlP99Ratio} | {l.AcceptFakeRiver.RequestsPerSecond} | {l.AcceptWireMock.RequestsPerSecond} | {l.AcceptRatioVsWireMock} | {l.AcceptFakeRiver.Concurrency} | {l.AcceptFakeRiver.Latency.P99Ms} / {l.AcceptWireMock.Latency.P99Ms} | {l.AcceptFakeRiver.CpuMsPerRequest} / {l.AcceptWireMock.CpuMsPerRequest} |");
        }
        Line(md, "");
        Line(md, "Per process (each server is its own process; the driver's process holds the clients). CPU s, peak RSS MB (VmHWM), allocated MB, GC pause ms:");
        Line(md, "");
        Line(md, "| streams | phase | process | CPU s | wall s | peak RSS MB | allocated MB | GC pause ms | per unit |");
        Line(md, "|---:|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var l in r.Levels)
        {
            foreach (var (side, s) in new[] { ("FakeRiver streams", l.FakeRiver), ("limit streams", l.Limit) })
            {
                foreach (var (name, u) in s.Servers) Proc(md, l.Streams, side, name, u, Inv($"{s.AllocBytesPerToken} B, {s.CpuMsPerToken} CPU ms per token; {s.PeakKbPerStream} KB per stream"));
                Proc(md, l.Streams, side, "driver (clients)", s.Usage, "");
            }
            Proc(md, l.Streams, "accept", "fakeriver", l.AcceptFakeRiver.Usage, Inv($"{l.AcceptFakeRiver.CpuMsPerRequest} CPU ms, {l.AcceptFakeRiver.AllocatedBytesPerRequest} B per request, after {l.AcceptFakeRiver.WarmPasses} warm-up passes"));
            Proc(md, l.Streams, "accept", "wiremock", l.AcceptWireMock.Usage, Inv($"{l.AcceptWireMock.CpuMsPerRequest} CPU ms, {l.AcceptWireMock.AllocatedBytesPerRequest} B per request, after {l.AcceptWireMock.WarmPasses} warm-up passes"));
        }
        Line(md, "");
        Line(md, Inv($"FakeRiver cold start (spawn → first HTTP answer): {string.Join(" / ", r.Levels.Select(l => l.FakeRiverColdStartMs))} ms; CPU ratio vs WireMock.Net (per request): {string.Join(" / ", r.Levels.Select(l => l.CpuRatioVsWireMock))}"));
        Line(md, "");
        Line(md, $"`{r.SummaryLine()}`");
        return md.ToString();
    }

    private static void Side(StringBuilder md, int streams, string side, StreamMetrics s) =>
        Line(md, $"| {streams} | {side} | {s.RampSeconds} | {Q(s.Ttft)} | {Q(s.Itl)} | {s.ItlP99ExcessMs} | {Q(s.ItlAll)} | {Q(s.EndToEnd)} | {Q(s.Accept)} | {Q(s.WebhookRoundTrip)} | {Q(s.CallbackToCompleted)} | {s.LostTokens} / {s.DuplicatedTokens} | {s.Errors} | {s.Usage.CpuSeconds} / {s.Usage.WallSeconds} | {s.Usage.PeakWorkingSetMb} | {s.Usage.Gen0Collections}/{s.Usage.Gen1Collections}/{s.Usage.Gen2Collections}, {s.Usage.GcPauseMs} | {s.Usage.AllocatedMb} |");

    private static void Proc(StringBuilder md, int streams, string phase, string name, ProcessUsage u, string perUnit) =>
        Line(md, Inv($"| {streams} | {phase} | {name} | {u.CpuSeconds} | {u.WallSeconds} | {u.PeakWorkingSetMb} | {u.AllocatedMb} | {u.GcPauseMs} | {perUnit} |"));

    private static string Q(LatencyStats? s) => s is null || s.Count == 0 ? "-" : Inv($"{s.P50Ms} / {s.P95Ms} / {s.P99Ms} / {s.MaxMs}");

    private static void Line(StringBuilder md, string text) => md.Append(text).Append('\n');

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
