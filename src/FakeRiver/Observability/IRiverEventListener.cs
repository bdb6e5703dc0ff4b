namespace FakeRiver.Observability;

/// <summary>
/// Sees every event synchronously as it is published (the telemetry turns them into spans and counters).
/// Runs on the publisher's thread, sometimes under a channel's lock: keep it quick and never block.
/// </summary>
public interface IRiverEventListener
{
    /// <summary>Called for every event the feed publishes; must be quick and must not throw.</summary>
    void OnEvent(RiverEvent evt);

    /// <summary>Tokens appended since the previous call for this channel (counted exactly, unlike the sampled events).</summary>
    void OnTokens(string channelId, int count);
}
