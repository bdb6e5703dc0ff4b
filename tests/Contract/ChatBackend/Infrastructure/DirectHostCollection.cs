namespace Contract.ChatBackend.Infrastructure;

/// <summary>
/// Tests that build and start the app directly (<c>ChatBackendApp.Create</c>, a loopback scenario world) run alone:
/// WebApplicationFactory finds its host by listening for host-building events process-wide, so a host built
/// directly while another test's factory starts can be caught by that factory.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DirectHostCollection
{
    public const string Name = "direct hosts";
}
