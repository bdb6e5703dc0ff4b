namespace FakeRiver.Workflows;

/// <summary>What happens when a provider's output breaks the workflow's schema (docs/ARCHITECTURE.md 3.8).</summary>
public enum OnInvalidMode
{
    /// <summary>Count the attempt as failed (<c>schema_validation_failed</c>) and try the next provider.</summary>
    NextProvider,

    /// <summary>Keep the output and fill what the schema requires with generated values.</summary>
    Merge,

    /// <summary>Answer with generated schema-valid data marked <c>meta.offline_fallback:true</c>.</summary>
    OfflineFallback,
}
