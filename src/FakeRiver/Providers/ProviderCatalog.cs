using FakeRiver.Workflows;

namespace FakeRiver.Providers;

/// <summary>The registered provider kinds, looked up by a workflow provider's <c>type</c> (like YARP's policies).</summary>
internal sealed class ProviderCatalog(IEnumerable<IModelProvider> providers)
{
    private readonly Dictionary<ProviderType, IModelProvider> _byType = providers.ToDictionary(p => p.Type);

    public IModelProvider For(ProviderType type) =>
        _byType.TryGetValue(type, out var provider)
            ? provider
            : throw new ProviderFailure($"provider_type_unavailable:{type.ToString().ToLowerInvariant()}");
}
