namespace FakeRiver;

/// <summary>
/// Marker type for <c>WebApplicationFactory&lt;FakeRiverEntry&gt;</c>: both apps have a public top-level
/// <c>Program</c>, so tests that reference both cannot name it unambiguously.
/// </summary>
public sealed class FakeRiverEntry;
