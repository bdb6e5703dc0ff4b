using System.Globalization;

namespace Perf.Load.Processes;

/// <summary>
/// Another process's CPU time and memory from /proc: <c>stat</c> fields 14-15 (utime, stime, in clock ticks of
/// 1/100 s on Linux) and <c>status</c>' VmHWM (peak resident set since the process started) and VmRSS.
/// </summary>
public static class ProcFs
{
    private const double TicksPerSecond = 100;

    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: split after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    public static double PeakResidentMb(int pid) => StatusKb(pid, "VmHWM:") / 1024.0;

    public static double ResidentMb(int pid) => StatusKb(pid, "VmRSS:") / 1024.0;

    private static long StatusKb(int pid, string key)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }
}
