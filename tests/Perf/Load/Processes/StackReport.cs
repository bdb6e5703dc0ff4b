using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Perf.Load.Processes;

/// <summary>
/// <c>stacks &lt;file.nettrace&gt; [top]</c>: where a trace's samples fall in the project's own code. For a
/// <c>gc-verbose</c> trace, each AllocationTick (~100 KB) is charged to its type and the innermost FakeRiver,
/// ModelRiver or ChatBackend frame of its stack; for a <c>dotnet-sampled-thread-time</c> trace, each thread sample
/// (parked threads included: they dominate the exclusive table) is charged to every project method on its stack
/// (inclusive) and to its innermost frame of any module (exclusive). Used for results/profile-*.md:
/// <see cref="AllocationReport"/> says what is allocated, this says where.
/// </summary>
public static class StackReport
{
    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: Perf stacks <file.nettrace> [top]");
            return 2;
        }
        var top = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 40;
        var etlx = TraceLog.CreateFromEventPipeDataFile(args[0]);
        using var log = new TraceLog(etlx);
        var allocations = new Dictionary<string, long>(StringComparer.Ordinal);
        var byFrame = new Dictionary<string, long>(StringComparer.Ordinal);
        var inclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        var exclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        long allocated = 0;
        var samples = 0;
        foreach (var e in log.Events)
        {
            if (e is GCAllocationTickTraceData tick)
            {
                var where = Frames(e.CallStack()).FirstOrDefault(IsOurs) ?? "?";
                var key = $"{tick.TypeName} @ {where}";
                allocations[key] = allocations.GetValueOrDefault(key) + tick.AllocationAmount64;
                byFrame[where] = byFrame.GetValueOrDefault(where) + tick.AllocationAmount64;
                allocated += tick.AllocationAmount64;
            }
            else if (e.EventName == "Thread/Sample")
            {
                var frames = Frames(e.CallStack()).ToList();
                if (frames.Count == 0) continue;
                samples++;
                exclusive[frames[0]] = exclusive.GetValueOrDefault(frames[0]) + 1;
                foreach (var frame in frames.Where(IsOurs).Distinct()) inclusive[frame] = inclusive.GetValueOrDefault(frame) + 1;
            }
        }
        if (allocated > 0)
        {
            Console.WriteLine($"allocations: {allocated / 1048576.0:F1} MB sampled");
            Console.WriteLine("| innermost project frame | sampled MB | share |\n|---|---:|---:|");
            foreach (var (key, bytes) in byFrame.OrderByDescending(kv => kv.Value).Take(top))
                Console.WriteLine(FormattableString.Invariant($"| `{key}` | {bytes / 1048576.0:F1} | {100.0 * bytes / allocated:F1}% |"));
            Console.WriteLine("| type @ innermost project frame | sampled MB | share |\n|---|---:|---:|");
            foreach (var (key, bytes) in allocations.OrderByDescending(kv => kv.Value).Take(top))
                Console.WriteLine(FormattableString.Invariant($"| `{key}` | {bytes / 1048576.0:F1} | {100.0 * bytes / allocated:F1}% |"));
        }
        if (samples > 0)
        {
            Console.WriteLine($"cpu: {samples} thread samples with a managed stack");
            Console.WriteLine("| project method (inclusive) | samples | share |\n|---|---:|---:|");
            foreach (var (key, n) in inclusive.OrderByDescending(kv => kv.Value).Take(top))
                Console.WriteLine(FormattableString.Invariant($"| `{key}` | {n} | {100.0 * n / samples:F1}% |"));
            Console.WriteLine("| innermost frame (exclusive) | samples | share |\n|---|---:|---:|");
            foreach (var (key, n) in exclusive.OrderByDescending(kv => kv.Value).Take(top))
                Console.WriteLine(FormattableString.Invariant($"| `{key}` | {n} | {100.0 * n / samples:F1}% |"));
        }
        return 0;
    }

    private static bool IsOurs(string frame) =>
        frame.StartsWith("FakeRiver", StringComparison.Ordinal) || frame.StartsWith("ModelRiver", StringComparison.Ordinal)
        || frame.StartsWith("ChatBackend", StringComparison.Ordinal);

    private static IEnumerable<string> Frames(TraceCallStack? stack)
    {
        for (; stack is not null; stack = stack.Caller)
        {
            var method = stack.CodeAddress.FullMethodName;
            if (string.IsNullOrEmpty(method)) continue;
            var module = stack.CodeAddress.ModuleName;
            yield return module is "FakeRiver" or "ModelRiver.Wire" or "ChatBackend" || string.IsNullOrEmpty(module)
                ? method : $"{module}!{method}";
        }
    }
}
