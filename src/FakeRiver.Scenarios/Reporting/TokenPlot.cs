using System.Globalization;
using System.Text;
using FakeRiver.Observability;

namespace FakeRiver.Scenarios.Reporting;

/// <summary>
/// The token-arrival plot of one scenario as inline SVG: tokens streamed (y) against time since the request was
/// accepted (x), one point per token sample of the event feed (at most every 100 ms of the run's clock).
/// </summary>
public static class TokenPlot
{
    private const int Width = 560, Height = 180, Left = 48, Bottom = 28, Top = 10, Right = 12;

    /// <summary>The SVG, or null when the scenario streamed no tokens.</summary>
    public static string? Svg(IReadOnlyList<RiverEvent> events, string label)
    {
        var accepted = events.FirstOrDefault(e => e.Kind == RiverEventKinds.Accepted)?.At;
        var points = events.Where(e => e.Kind == RiverEventKinds.Tokens)
            .Select(e => (Ms: (e.At - (accepted ?? e.At)).TotalMilliseconds, Count: e.Data["count"]!.GetValue<long>()))
            .ToList();
        if (points.Count == 0) return null;
        points.Insert(0, (points[0].Ms, 0));
        var maxMs = Math.Max(1, points.Max(p => p.Ms));
        var maxCount = Math.Max(1, points.Max(p => p.Count));
        double X(double ms) => Left + ms / maxMs * (Width - Left - Right);
        double Y(long count) => Height - Bottom - (double)count / maxCount * (Height - Bottom - Top);
        var line = string.Join(' ', points.Select(p => F(X(p.Ms)) + "," + F(Y(p.Count))));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-label=\"{Html(label)}: {maxCount} tokens over {F(maxMs)} ms\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" class=\"plot\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" class=\"axis\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" class=\"axis\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + 10}\" text-anchor=\"end\">{maxCount}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Height - Bottom}\" text-anchor=\"end\">0</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 8}\">{F(points[0].Ms)} ms</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Height - 8}\" text-anchor=\"end\">{F(maxMs)} ms after accept</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{line}\" class=\"series\"/>");
        foreach (var p in points.Skip(1)) svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(p.Ms))}\" cy=\"{F(Y(p.Count))}\" r=\"2.5\"><title>{p.Count} tokens at {F(p.Ms)} ms</title></circle>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}
