namespace FakeRiver.Phoenix;

/// <summary>Socket limits. Bound from the "FakeRiver:Phoenix" configuration section.</summary>
internal sealed class PhoenixOptions
{
    public const string Section = "FakeRiver:Phoenix";

    /// <summary>Largest inbound message after reassembly; larger ones close the socket with 1009. <value>1 MiB.</value></summary>
    public int MaxFrameBytes { get; set; } = PhoenixDecoder.DefaultMaxBytes;

    /// <summary>A socket that sends nothing for this long is closed, like Phoenix's transport timeout. <value>60 s.</value></summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the server waits for the client's close frame after sending its own. <value>5 s.</value></summary>
    public TimeSpan CloseGrace { get; set; } = TimeSpan.FromSeconds(5);
}
