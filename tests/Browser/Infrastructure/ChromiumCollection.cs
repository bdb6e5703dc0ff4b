namespace Browser.Infrastructure;

/// <summary>Tests that share the one browser (each still builds its own FakeRiver and ChatBackend).</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "chromium";
}
