using System.Text.Json.Nodes;
using FakeRiver.Scenarios.Model;
using FakeRiver.Scenarios.Running;

namespace FakeRiver.Scenarios.Checking;

/// <summary>The sync step's answers against <c>expect.sync</c>, and the Retry-After discipline of the caller.</summary>
internal static class SyncChecks
{
    private static readonly string[] RawHeaders =
    [
        "X-ModelRiver-Provider", "X-ModelRiver-Model", "X-ModelRiver-Workflow", "X-ModelRiver-Duration-Ms",
        "X-ModelRiver-Attempts", "X-ModelRiver-Offline-Fallback",
    ];

    public static IEnumerable<ScenarioFailure> Check(ScenarioExpect expect, Observation seen)
    {
        if (expect.Sync is not { } wanted) yield break;
        var exchanges = seen.Browser.Sync;
        if (exchanges.Count == 0)
        {
            yield return new("sync", "the sync step sent requests", "at least one", "none");
            yield break;
        }
        var finals = exchanges.GroupBy(e => e.Request).Select(g => g.Last().Status).ToList();
        if (wanted.Answers is { } answers && !finals.SequenceEqual(answers))
            yield return new("sync", "final HTTP status of each request", Show(answers), Show(finals));
        var last = exchanges[^1];
        var metaStatus = last.Body?["meta"]?["http_status"] is JsonValue v && v.TryGetValue<int>(out var s) ? s : (int?)null;
        if (wanted.MetaHttpStatus is { } status && metaStatus != status)
            yield return new("sync", "meta.http_status of the last answer", $"{status}", metaStatus?.ToString() ?? "(none)", "$.meta.http_status");
        var code = last.Body?["error"]?["code"] is JsonValue c && c.TryGetValue<string>(out var text) ? text : null;
        if (wanted.ErrorCode is { } errorCode && code != errorCode)
            yield return new("sync", "error.code of the last answer", errorCode, code ?? "(none)", "$.error.code");
        if (wanted.Headers == true)
        {
            foreach (var exchange in exchanges.Where(e => e.Status == 200 && e.Body?["choices"] is not null))
            {
                foreach (var header in RawHeaders.Where(h => !exchange.Headers.ContainsKey(h)))
                    yield return new("sync", "a raw answer carries the X-ModelRiver headers", header, "(missing)", $"request {exchange.Request}");
            }
        }
        if (wanted.RetryAfterHonoured == true)
        {
            foreach (var failure in RetryAfter(exchanges)) yield return failure;
        }
    }

    /// <summary>Real-time timers may fire a few milliseconds before the wall clock agrees; virtual time is exact.</summary>
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMilliseconds(50);

    /// <summary>Every retry that follows a 429 comes no sooner than its Retry-After said.</summary>
    private static IEnumerable<ScenarioFailure> RetryAfter(List<SyncExchange> exchanges)
    {
        for (var i = 1; i < exchanges.Count; i++)
        {
            var (previous, retry) = (exchanges[i - 1], exchanges[i]);
            if (previous.Status != 429 || retry.Request != previous.Request) continue;
            var waited = retry.SentAt - previous.SentAt;
            var asked = TimeSpan.FromSeconds(previous.RetryAfterSeconds ?? 0);
            if (waited + ClockTolerance < asked)
                yield return new("sync", "a retry after 429 waits for Retry-After", $">= {asked.TotalSeconds:0} s",
                    $"{waited.TotalSeconds:0.###} s (request {retry.Request} try {retry.Try})");
        }
    }

    private static string Show(IEnumerable<int> statuses) => $"[{string.Join(", ", statuses)}]";
}
