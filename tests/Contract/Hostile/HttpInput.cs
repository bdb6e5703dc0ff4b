namespace Contract.Hostile;

/// <summary>Which app an input is aimed at.</summary>
public enum TargetApp
{
    River,
    Backend,
}

/// <summary>What the client does after sending the bytes.</summary>
public enum InputEnding
{
    /// <summary>Wait for the answer (every input says <c>Connection: close</c>).</summary>
    Normal,

    /// <summary>Shut the sending side: the body ends early (a truncated upload).</summary>
    HalfClose,

    /// <summary>Keep the connection open and send nothing more: a stalled body, answered 408 by the server.</summary>
    Stall,
}

/// <summary>
/// One hostile HTTP input: raw bytes for one app. <see cref="ProtocolFault"/> marks inputs Kestrel answers itself
/// (bad request line or headers): the app never sees them, so no envelope can be asked of the answer.
/// </summary>
public sealed record HttpInput(string Name, TargetApp App, byte[] Bytes)
{
    public InputEnding Ending { get; init; } = InputEnding.Normal;

    public bool IsHead { get; init; }

    public bool ProtocolFault { get; init; }

    /// <summary>An HTTP version Kestrel does not speak: its answer is 505 (RFC 9110), the one 5xx the suite accepts.</summary>
    public bool VersionNotSupported { get; init; }

    /// <summary>The server may close without answering (it refused a huge upload mid-way).</summary>
    public bool MayCloseWithoutAnswer { get; init; }

    public override string ToString() => $"{App} {Name}";
}
