namespace ChatBackend;

/// <summary>Marker type for <c>WebApplicationFactory&lt;ChatBackendEntry&gt;</c> (see FakeRiverEntry).</summary>
public sealed class ChatBackendEntry;
