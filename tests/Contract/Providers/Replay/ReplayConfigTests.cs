using FakeRiver.Recording;
using FakeRiver.Workflows;

namespace Contract.Providers.Replay;

/// <summary>Workflow-file errors for record_to, fixture and replay_speed name the field, at start-up.</summary>
public sealed class ReplayConfigTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("replay-config-").FullName;

    private static string Workflow(string provider) => $"""
        workflows:
          - name: wf
            providers:
              - provider: p
                model: m
        {string.Join('\n', provider.Split('\n').Select(line => "        " + line))}
        """;

    [Theory]
    [InlineData("type: replay", "fixture: required when type is replay")]
    [InlineData("type: replay\nfixture: missing.json", "cannot use recording")]
    [InlineData("record_to: out.json", "record_to: only used with type openai")]
    [InlineData("fixture: x.json", "fixture: only used with type replay")]
    [InlineData("replay_speed: 2", "replay_speed: only used with type replay")]
    public void Load_BadReplayOrRecordSetting_ErrorNamesIt(string lines, string message)
    {
        var error = Assert.Throws<WorkflowConfigException>(() => WorkflowFileLoader.Load(Workflow(lines), "wf.yaml"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FixtureNotARecording_ErrorNamesTheProblem()
    {
        var file = Path.Combine(_folder, "bad.json");
        File.WriteAllText(file, """{"format":"something-else"}""");

        var error = Assert.Throws<WorkflowConfigException>(() => WorkflowFileLoader.Load(Workflow($"type: replay\nfixture: {file}"), "wf.yaml"));

        Assert.Contains("format: expected \"fakeriver-recording/1\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RecordedTimeoutWithoutTimeoutMs_Rejected()
    {
        var file = Path.Combine(_folder, "timeout.json");
        RecordingFile.Write(file, new StreamRecording { Provider = "p", Model = "m", End = RecordingEnd.Failed, Fault = "timeout", EndMs = 5000 });

        var error = Assert.Throws<WorkflowConfigException>(() => WorkflowFileLoader.Load(Workflow($"type: replay\nfixture: {file}"), "wf.yaml"));

        Assert.Contains("timeout_ms", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
