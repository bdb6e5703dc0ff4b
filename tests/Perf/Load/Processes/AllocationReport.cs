using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Perf.Load.Processes;

/// <summary>
/// <c>allocs &lt;file.nettrace&gt; [top]</c>: sums a <c>dotnet-trace --profile gc-verbose</c> trace's GC
/// AllocationTick events (one per ~100 KB allocated, with the type that crossed the mark) by type, which says
/// what a server allocates per request or per token. Used for results/profile-*.md.
/// </summary>
public static class AllocationReport
{
    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: Perf allocs <file.nettrace> [top]");
            return 2;
        }
        var top = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30;
        var byType = new Dictionary<string, (long Bytes, int Ticks)>(StringComparer.Ordinal);
        long total = 0;
        using (var source = new EventPipeEventSource(args[0]))
        {
            source.Clr.GCAllocationTick += (GCAllocationTickTraceData e) =>
            {
                var name = e.TypeName ?? "?";
                var bytes = e.AllocationAmount64;
                total += bytes;
                byType[name] = byType.TryGetValue(name, out var seen) ? (seen.Bytes + bytes, seen.Ticks + 1) : (bytes, 1);
            };
            source.Process();
        }
        Console.WriteLine($"sampled {total / 1048576.0:F1} MB");
        Console.WriteLine("| type | sampled MB | share |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, (bytes, _)) in byType.OrderByDescending(kv => kv.Value.Bytes).Take(top))
        {
            Console.WriteLine(FormattableString.Invariant($"| `{name}` | {bytes / 1048576.0:F1} | {100.0 * bytes / Math.Max(1, total):F1}% |"));
        }
        return 0;
    }
}
