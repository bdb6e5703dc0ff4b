using System.Globalization;

namespace Perf.Load;

/// <summary>The load command's arguments: concurrency levels, tokens per stream, pace, and the accept comparison size.</summary>
public sealed record LoadOptions
{
    public IReadOnlyList<int> Levels { get; init; } = [100];

    /// <summary>M: tokens per stream.</summary>
    public int Tokens { get; init; } = 50;

    /// <summary>P: milliseconds between tokens, and the time to first token.</summary>
    public int PaceMs { get; init; } = 20;

    /// <summary>Requests per side in the async-accept comparison (FakeRiver vs WireMock.Net).</summary>
    public int AcceptRequests { get; init; } = 10_000;

    /// <summary>Concurrency of the accept comparison is the level, capped here (a backend's connection pool).</summary>
    public int AcceptConcurrencyCap { get; init; } = 64;

    public string? OutputDirectory { get; init; }

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--streams" => options with { Levels = [Positive(args[i], value)] },
                "--levels" => options with { Levels = [.. value.Split(',').Select(v => Positive(args[i], v))] },
                "--tokens" => options with { Tokens = Positive(args[i], value) },
                "--pace-ms" => options with { PaceMs = Positive(args[i], value) },
                "--requests" => options with { AcceptRequests = Positive(args[i], value) },
                "--accept-concurrency" => options with { AcceptConcurrencyCap = Positive(args[i], value) },
                "--out" => options with { OutputDirectory = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }
        return options;
    }

    private static int Positive(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} expects a positive integer, got \"{text}\"");
}
