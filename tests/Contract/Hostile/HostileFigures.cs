using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Contract.Hostile;

/// <summary>What the suite sent and got back: counts, a status histogram per app, and every failure seen.</summary>
public sealed class HostileFigures
{
    private readonly ConcurrentDictionary<string, int> _histogram = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _failures = new();
    private int _httpInputs;
    private int _wsUpgrades;
    private int _wsFrames;

    public int HttpInputs => _httpInputs;

    public int WsUpgrades => _wsUpgrades;

    public int WsFrames => _wsFrames;

    public IReadOnlyCollection<string> Failures => _failures;

    public void CountHttp(string bucket)
    {
        Interlocked.Increment(ref _httpInputs);
        _histogram.AddOrUpdate(bucket, 1, (_, n) => n + 1);
    }

    public void CountUpgrade(string bucket)
    {
        Interlocked.Increment(ref _wsUpgrades);
        _histogram.AddOrUpdate(bucket, 1, (_, n) => n + 1);
    }

    public void CountFrames(int frames, string bucket)
    {
        Interlocked.Add(ref _wsFrames, frames);
        _histogram.AddOrUpdate(bucket, 1, (_, n) => n + 1);
    }

    public void Fail(string failure) => _failures.Enqueue(failure);

    public string Report(string seed, TimeSpan duration, int frameworkErrors)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"hostile-input suite (seed {seed}): {HttpInputs} HTTP inputs, {WsUpgrades} WebSocket upgrades, "
            + $"{WsFrames} WebSocket frames in {duration.TotalSeconds:F1} s; {Failures.Count} failures, {frameworkErrors} framework errors");
        foreach (var (bucket, count) in _histogram.OrderBy(p => p.Key, StringComparer.Ordinal))
            text.AppendLine(CultureInfo.InvariantCulture, $"  {bucket,-34} {count,7}");
        foreach (var failure in Failures.Take(30)) text.AppendLine("  FAIL " + failure);
        return text.ToString();
    }
}
