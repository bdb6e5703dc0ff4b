using FakeRiver.Workflows;

namespace Contract.Workflows;

public class WorkflowFileErrorTests
{
    private const string Head = "workflows:\n  - name: w\n    providers:\n      - provider: p\n        model: m\n";

    [Theory]
    [InlineData(Head + "        ttft_ms: fast\n", "bad.yaml:6: workflows[0].providers[0].ttft_ms: expected a non-negative integer, got \"fast\"")]
    [InlineData(Head + "        jitter_ms: -5\n", "bad.yaml:6: workflows[0].providers[0].jitter_ms: expected a non-negative integer, got \"-5\"")]
    [InlineData(Head + "        tokens_per_second: -1.5\n", "bad.yaml:6: workflows[0].providers[0].tokens_per_second: expected a non-negative number, got \"-1.5\"")]
    [InlineData(Head + "        ttf_ms: 5\n", "bad.yaml:6: workflows[0].providers[0].ttf_ms: unknown key; expected one of provider, model, type")]
    [InlineData(Head + "        type: anthropic\n", "bad.yaml:6: workflows[0].providers[0].type: expected one of simulated, openai, replay, got \"anthropic\"")]
    [InlineData(Head + "        type: openai\n", "bad.yaml:4: workflows[0].providers[0].base_url: required when type is openai")]
    [InlineData(Head + "        type: openai\n        base_url: localhost:8080\n", "bad.yaml:7: workflows[0].providers[0].base_url: expected an absolute http(s) URL, got \"localhost:8080\"")]
    [InlineData(Head + "        base_url: http://x\n", "bad.yaml:6: workflows[0].providers[0].base_url: only used with type openai")]
    [InlineData(Head + "        fault: {status: 700}\n", "bad.yaml:6: workflows[0].providers[0].fault.status: expected an HTTP status code (100-599), got \"700\"")]
    [InlineData(Head + "        fault: {kind: explode}\n", "bad.yaml:6: workflows[0].providers[0].fault.kind: expected one of connection_reset, timeout, invalid_output, got \"explode\"")]
    [InlineData(Head + "        fault: {after_tokens: 3}\n", "bad.yaml:6: workflows[0].providers[0].fault: expected a status, a kind, or both")]
    [InlineData(Head + "        fault: {after_tokens: -3, kind: timeout}\n", "bad.yaml:6: workflows[0].providers[0].fault.after_tokens: expected a non-negative integer, got \"-3\"")]
    [InlineData("workflows:\n  - name: w\n    providers:\n      - provider: p\n", "bad.yaml:4: workflows[0].providers[0].model: required")]
    [InlineData("workflows:\n  - name: w\n    providers: []\n", "bad.yaml:3: workflows[0].providers: expected at least one provider (or test_mode: true)")]
    [InlineData("workflows:\n  - name: w\n", "bad.yaml:2: workflows[0].providers: required (at least one provider, or test_mode: true)")]
    [InlineData("workflows:\n  - name: w\n    test_mode: yes please\n", "bad.yaml:3: workflows[0].test_mode: expected true or false, got \"yes please\"")]
    [InlineData("workflows:\n  - name: w\n    test_mode: true\n    test_mode_delay_ms: -1\n", "bad.yaml:4: workflows[0].test_mode_delay_ms: expected a non-negative integer, got \"-1\"")]
    [InlineData("workflows:\n  - name: w\n    test_mode: true\n    on_invalid: reject\n", "bad.yaml:4: workflows[0].on_invalid: expected one of next_provider, merge, offline_fallback, got \"reject\"")]
    [InlineData("workflows:\n  - name: w\n    test_mode: true\n    structured_output: missing\n", "bad.yaml:4: workflows[0].structured_output: no structured output named \"missing\" under structured_outputs (none are defined)")]
    [InlineData("workflows:\n  - name: w\n    test_mode: true\n  - name: w\n    test_mode: true\n", "bad.yaml:4: workflows[1].name: duplicate workflow name \"w\"")]
    [InlineData("workflows:\n  - event_name: e\n    test_mode: true\n", "bad.yaml:2: workflows[0].name: required")]
    [InlineData("workflows:\n  - name: w\n    test_mode: true\n    event_name: \"\"\n", "bad.yaml:4: workflows[0].event_name: expected a non-empty string, got \"\"")]
    [InlineData("workflow:\n  - name: w\n", "bad.yaml:1: workflow: unknown key; expected one of structured_outputs, workflows")]
    [InlineData("workflows: {name: w}\n", "bad.yaml:1: workflows: expected a list of workflows, got a mapping")]
    [InlineData("- a\n- b\n", "bad.yaml:1: : expected a mapping, got a list")]
    [InlineData("structured_outputs:\n  out:\n    action_items: \"array<{task: string\"\n", "bad.yaml:3: structured_outputs.out.action_items: expected '}' at position 20 in \"array<{task: string\"")]
    [InlineData("structured_outputs:\n  out:\n    reply: strng\n", "bad.yaml:3: structured_outputs.out.reply: expected string, number, integer, boolean")]
    [InlineData("structured_outputs:\n  out:\n    reply: [string]\n", "bad.yaml:3: structured_outputs.out.reply: expected a shorthand such as")]
    [InlineData("structured_outputs:\n  out: string\n", "bad.yaml:2: structured_outputs.out: expected a JSON Schema or a shorthand mapping, got \"string\"")]
    [InlineData("structured_outputs:\n  out:\n    type: object\n    properties: {a: {type: strnig}}\n", "bad.yaml:4: structured_outputs.out.properties.a.type: expected a JSON type (object, array, string")]
    [InlineData("structured_outputs:\n  out:\n    type: object\n    properties: {a: {$ref: \"#/definitions/nope\"}}\n", "bad.yaml:3: structured_outputs.out: not a usable JSON Schema")]
    [InlineData("workflows:\n  - name: w\n    test_mode: true\n    structured_output: {reply: \"a |\"}\n", "bad.yaml:4: workflows[0].structured_output.reply: expected string, number")]
    [InlineData("workflows:\n  - name: w\n   bad indent: 1\n", "bad.yaml:3: invalid YAML:")]
    [InlineData("workflows:\n  - name: w\n    name: v\n", "bad.yaml:3: invalid YAML:")]
    public void Load_InvalidFile_ErrorNamesFileLineAndField(string yaml, string expectedStart)
    {
        var error = Assert.Throws<WorkflowConfigException>(() => WorkflowFileLoader.Load(yaml, "bad.yaml"));

        Assert.Contains(error.Errors, e => e.StartsWith(expectedStart, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SeveralErrors_ReportsAllInOneException()
    {
        var yaml = Head + "        ttft_ms: fast\n        jitter_ms: slow\n";

        var error = Assert.Throws<WorkflowConfigException>(() => WorkflowFileLoader.Load(yaml, "bad.yaml"));

        Assert.Equal(2, error.Errors.Count);
        Assert.StartsWith("2 errors in the workflow file:\nbad.yaml:6:", error.Message, StringComparison.Ordinal);
    }
}
