namespace FakeRiver.Phoenix;

/// <summary>Socket limits. Bound from the "FakeRiver:Phoenix" configuration section; checked at start-up.</summary>
internal sealed class PhoenixOptions
{
    public const string Section = "FakeRiver:Phoenix";

    /// <summary>Largest inbound message after reassembly; larger ones close the socket with 1009. <value>1 MiB.</value></summary>
    public int MaxFrameBytes { get; set; } = PhoenixDecoder.DefaultMaxBytes;

    /// <summary>A socket that sends nothing for this long is closed, like Phoenix's transport timeout. <value>60 s.</value></summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the server waits for the client's close frame after sending its own. <value>5 s.</value></summary>
    public TimeSpan CloseGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most encoded bytes one socket may have queued and unsent; a frame that would go over closes the socket with
    /// 1013 (see <see cref="PhoenixOutbox"/>). <value>4 MiB.</value>
    /// </summary>
    public long MaxSendQueueBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most frames one socket may have queued and unsent (same rule as the bytes). <value>4096.</value></summary>
    public int MaxSendQueueFrames { get; set; } = 4096;

    /// <summary>
    /// While frames wait, at least one must go out within this long (the peer is reading), else the socket is closed
    /// with 1013. <value>30 s.</value>
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
