using ScottPlot;

namespace Perf.Load;

/// <summary>Latency CDFs, one line per side and concurrency level: FakeRiver solid, the limit dashed.</summary>
public static class CdfPlot
{
    private const int MaxPoints = 2000;

    public static void Save(string path, string title, string xLabel, IReadOnlyList<LevelResult> levels, Func<StreamMetrics, IReadOnlyList<long>> samples)
    {
        var plot = new Plot();
        var xMax = 0.0;
        for (var i = 0; i < levels.Count; i++)
        {
            var color = plot.Add.Palette.GetColor(i);
            xMax = Math.Max(xMax, AddLine(plot, samples(levels[i].FakeRiver), $"FakeRiver, {levels[i].Streams} streams", color, LinePattern.Solid));
            xMax = Math.Max(xMax, AddLine(plot, samples(levels[i].Limit), $"limit, {levels[i].Streams} streams", color, LinePattern.Dashed));
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("fraction of samples <= x");
        plot.ShowLegend(Alignment.LowerRight);
        // The x axis ends a little after the largest p99.9, so one stall does not squash every curve to the left.
        plot.Axes.SetLimits(0, xMax * 1.1, 0, 1.02);
        plot.SavePng(path, 1100, 650);
    }

    /// <summary>Adds one CDF line and returns its p99.9 in milliseconds.</summary>
    private static double AddLine(Plot plot, IReadOnlyList<long> samplesUs, string label, Color color, LinePattern pattern)
    {
        if (samplesUs.Count == 0) return 0;
        var sorted = samplesUs.Order().ToArray();
        var step = Math.Max(1, sorted.Length / MaxPoints);
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < sorted.Length; i += step)
        {
            xs.Add(sorted[i] / 1000.0);
            ys.Add((i + 1.0) / sorted.Length);
        }
        xs.Add(sorted[^1] / 1000.0);
        ys.Add(1.0);
        var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray());
        line.LegendText = label;
        line.Color = color;
        line.LinePattern = pattern;
        line.LineWidth = 2;
        return sorted[(int)Math.Min(sorted.Length - 1, sorted.Length * 0.999)] / 1000.0;
    }
}
