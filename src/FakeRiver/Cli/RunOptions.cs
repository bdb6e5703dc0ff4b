using System.Globalization;

namespace FakeRiver.Cli;

/// <summary>Arguments of <c>run</c>: a scenario folder or file, then --filter, --seed, --junit, --out.</summary>
public sealed record RunOptions(string Path, string? Filter, int? Seed, string? JUnit, string? Out)
{
    public const string Usage = "FakeRiver run <scenario folder or file> [--filter <name>] [--seed <n>] [--junit <file>] [--out <dir>]";

    /// <summary>The options, or the reason they are wrong.</summary>
    public static (RunOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? path = null, filter = null, junit = null, output = null;
        int? seed = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (path is not null) return (null, $"unexpected argument '{arg}'");
                path = arg;
                continue;
            }
            if (i + 1 >= args.Count) return (null, $"{arg} needs a value");
            var value = args[++i];
            switch (arg)
            {
                case "--filter": filter = value; break;
                case "--junit": junit = value; break;
                case "--out": output = value; break;
                case "--seed" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n): seed = n; break;
                case "--seed": return (null, $"--seed expects a non-negative integer, got '{value}'");
                default: return (null, $"unknown option '{arg}'");
            }
        }
        return path is null ? (null, "missing the scenario folder or file") : (new RunOptions(path, filter, seed, junit, output), null);
    }
}
