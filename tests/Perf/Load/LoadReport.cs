namespace Perf.Load;

/// <summary>Everything one load run writes: where and how it ran, and each level's results.</summary>
public sealed record LoadReport(
    MachineInfo Machine, string Command, int Tokens, int PaceMs, int AcceptRequests, string LoadAverageAfter, IReadOnlyList<LevelResult> Levels)
{
    /// <summary>The level the one-line summary reports: 100 streams when run (the targets' level), else the first.</summary>
    public LevelResult Headline => Levels.FirstOrDefault(l => l.Streams == 100) ?? Levels[0];

    /// <summary>Lost plus duplicated (and out-of-range) tokens on FakeRiver's side, over every level.</summary>
    public int LostTokens => Levels.Sum(l => l.FakeRiver.LostTokens + l.FakeRiver.DuplicatedTokens + l.FakeRiver.OutOfRangeTokens);

    public string SummaryLine() => FormattableString.Invariant(
        $"overhead_p99_ratio={Headline.OverheadP99Ratio} accept_ratio_vs_wiremock={Headline.AcceptRatioVsWireMock} cpu_ratio_vs_wiremock={Headline.CpuRatioVsWireMock} alloc_bytes_per_token={Headline.FakeRiver.AllocBytesPerToken} lost_tokens={LostTokens}");
}
