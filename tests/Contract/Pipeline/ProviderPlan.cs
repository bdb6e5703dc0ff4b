namespace Contract.Pipeline;

/// <summary>What one provider of a generated fault plan does.</summary>
public sealed record ProviderPlan(string Kind, int Status, int AfterTokens)
{
    public string Yaml(int index)
    {
        var fault = Kind switch
        {
            "status" => $"fault: {{status: {Status}, after_tokens: {AfterTokens}}}",
            "reset" => $"fault: {{kind: connection_reset, after_tokens: {AfterTokens}}}",
            "timeout" => $"timeout_ms: 1000\nfault: {{kind: timeout, after_tokens: {AfterTokens}}}",
            "invalid" => $"fault: {{kind: invalid_output, after_tokens: {AfterTokens}}}",
            _ => null,
        };
        return FailoverHarness.Provider($"p{index}", more: "ttft_ms: 100" + (fault is null ? "" : "\n" + fault));
    }

    /// <summary>The reason <c>meta.attempts</c> must give when this provider fails.</summary>
    public string Reason => Kind switch
    {
        "status" => $"http_{Status}",
        "reset" => "connection_reset",
        "timeout" => "timeout",
        "invalid" => "schema_validation_failed",
        _ => throw new InvalidOperationException("an ok provider does not fail"),
    };

    public override string ToString() => Kind switch
    {
        "ok" => "ok",
        "status" => $"{Status}@{AfterTokens}",
        _ => $"{Kind}@{AfterTokens}",
    };
}
