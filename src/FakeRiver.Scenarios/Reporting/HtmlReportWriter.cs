using System.Globalization;
using System.Net;
using System.Text;
using FakeRiver.Observability;

namespace FakeRiver.Scenarios.Reporting;

/// <summary>
/// <c>run --html &lt;file&gt;</c>: one self-contained HTML file a scenario author opens from CI artifacts — the verdict
/// table, then per scenario its failures (rule, expected, actual, path), its timeline (the dashboard's story) and a
/// token-arrival plot. Inline CSS and SVG only; no script, and a Content-Security-Policy that forbids loading anything.
/// </summary>
public static class HtmlReportWriter
{
    private const string Css = """
        body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#fff}
        header,main{padding:12px 24px}header{border-bottom:1px solid #d5dae1}h1{font-size:20px;margin:0}h2{font-size:17px;margin:24px 0 6px}
        h3{font-size:14px;margin:12px 0 4px}.muted{color:#4a5361}table{border-collapse:collapse;margin:6px 0}
        th,td{text-align:left;padding:4px 10px;border-bottom:1px solid #d5dae1;vertical-align:top}th{background:#f5f7fa}
        .pass{color:#106b2e;font-weight:700}.fail{color:#a4161a;font-weight:700}.num{text-align:right;font-variant-numeric:tabular-nums}
        ol.timeline{list-style:none;padding:0 0 0 12px;border-left:2px solid #d5dae1;margin:4px 0}ol.timeline li{margin:2px 0}
        ol.timeline li.bad{color:#a4161a}.at{display:inline-block;min-width:80px;color:#4a5361;font-variant-numeric:tabular-nums}
        .kind{display:inline-block;min-width:70px;font-weight:700;font-size:11px;text-transform:uppercase}
        code,pre{font-family:ui-monospace,monospace;font-size:12px}pre{background:#f5f7fa;padding:8px;overflow-x:auto;max-height:420px}
        svg.plot{background:#fbfcfd;border:1px solid #d5dae1}svg .axis{stroke:#4a5361}svg .series{fill:none;stroke:#0b57a4;stroke-width:2}
        svg circle{fill:#0b57a4}svg text{font-size:11px;fill:#1b1f24}section.scenario{border-top:1px solid #d5dae1;margin-top:18px}
        """;

    /// <summary>Writes the report of <paramref name="results"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<ScenarioResult> results, TimeSpan wall)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllText(path, Render(results, wall), new UTF8Encoding(false));
    }

    /// <summary>The report as one self-contained HTML text.</summary>
    public static string Render(IReadOnlyList<ScenarioResult> results, TimeSpan wall)
    {
        var passed = results.Count(r => r.Passed);
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>FakeRiver scenario report</title>")
            .Append("<link rel=\"icon\" href=\"data:,\"><style>").Append(Css).Append("</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<header><h1>FakeRiver scenario report</h1><p class=\"muted\">{passed} passed, {results.Count - passed} failed, {results.Count} scenarios in {wall.TotalSeconds:0.0} s of wall time</p></header><main>");
        html.Append("<h2 id=\"verdicts\">Verdicts</h2><table><caption class=\"muted\">One row per scenario; the name links to its story</caption><thead><tr>")
            .Append("<th scope=\"col\">Scenario</th><th scope=\"col\">Verdict</th><th scope=\"col\" class=\"num\">Run time</th><th scope=\"col\" class=\"num\">Wall ms</th><th scope=\"col\" class=\"num\">Failures</th></tr></thead><tbody>");
        foreach (var r in results)
        {
            var verdict = r.Passed ? "pass" : "fail";
            html.Append(CultureInfo.InvariantCulture, $"<tr data-testid=\"scenario-row\" data-verdict=\"{verdict}\"><td><a href=\"#{Anchor(r)}\">{E(r.Scenario.Name)}</a></td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"{verdict}\">{verdict}</td><td class=\"num\">{Duration(r.VirtualTime)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{r.WallTime.TotalMilliseconds:0}</td><td class=\"num\">{r.Failures.Count}</td></tr>");
        }
        html.Append("</tbody></table>");
        foreach (var r in results) Scenario(html, r);
        html.Append("</main></body></html>\n");
        return html.ToString();
    }

    private static void Scenario(StringBuilder html, ScenarioResult r)
    {
        var verdict = r.Passed ? "pass" : "fail";
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"scenario\" id=\"{Anchor(r)}\" aria-labelledby=\"{Anchor(r)}-h\">")
            .Append(CultureInfo.InvariantCulture, $"<h2 id=\"{Anchor(r)}-h\">{E(r.Scenario.Name)} <span class=\"{verdict}\">{verdict}</span></h2>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{E(r.Scenario.Description)} Source {E(r.Scenario.Source)}, seed {r.Seed}.</p>");
        if (!r.Passed)
        {
            html.Append("<h3>Failures</h3><table><thead><tr><th scope=\"col\">Step</th><th scope=\"col\">Rule</th><th scope=\"col\">Expected</th><th scope=\"col\">Actual</th><th scope=\"col\">Path</th></tr></thead><tbody>");
            foreach (var f in r.Failures)
                html.Append(CultureInfo.InvariantCulture, $"<tr data-testid=\"failure\"><td>{E(f.Step)}</td><td>{E(f.Rule)}</td><td><code>{E(f.Expected)}</code></td><td><code>{E(f.Actual)}</code></td><td><code>{E(f.Path)}</code></td></tr>");
            html.Append("</tbody></table>");
        }
        html.Append("<h3>Timeline</h3>");
        if (r.Events.Count == 0) html.Append("<p class=\"muted\">No events recorded.</p>");
        else
        {
            var start = r.Events[0].At;
            var channels = r.Events.Select(e => e.ChannelId).Distinct().Count();
            html.Append("<ol class=\"timeline\">");
            for (var i = 0; i < r.Events.Count; i++)
            {
                var e = r.Events[i];
                // A run of token samples shows as its last line (the plot below shows every sample).
                if (e.Kind == RiverEventKinds.Tokens && i + 1 < r.Events.Count && r.Events[i + 1].Kind == RiverEventKinds.Tokens) continue;
                var who = channels > 1 ? $" <code>{E(e.ChannelId[..Math.Min(8, e.ChannelId.Length)])}</code>" : string.Empty;
                html.Append(CultureInfo.InvariantCulture, $"<li data-kind=\"{E(e.Kind)}\"{(TimelineText.IsBad(e) ? " class=\"bad\"" : string.Empty)}>")
                    .Append(CultureInfo.InvariantCulture, $"<span class=\"at\">+{Duration(e.At - start)}</span><span class=\"kind\">{E(e.Kind)}</span>{who} {E(TimelineText.Describe(e))}</li>");
            }
            html.Append("</ol>");
        }
        html.Append("<h3>Token arrival</h3>");
        html.Append(TokenPlot.Svg(r.Events, $"Tokens of {r.Scenario.Name}") ?? "<p class=\"muted\">No tokens streamed.</p>");
        html.Append("<details><summary>Transcript (JSON)</summary><pre>").Append(E(TranscriptText.Of(r.Transcript))).Append("</pre></details></section>");
    }

    private static string Anchor(ScenarioResult r) => "s-" + new string([.. r.Scenario.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);

    private static string Duration(TimeSpan span) => span.TotalSeconds < 60
        ? span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms"
        : span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
