namespace FakeRiver.Phoenix;

/// <summary>Why an inbound text message is not a Phoenix frame. The socket closes with 1009 or 1007.</summary>
public enum PhoenixDecodeError
{
    /// <summary>A frame was decoded.</summary>
    None,

    /// <summary>Longer than the configured maximum: close 1009 (message too big).</summary>
    TooLarge,

    /// <summary>Not JSON at all (bad syntax, bad UTF-8, trailing bytes, nesting too deep).</summary>
    MalformedJson,

    /// <summary>JSON, but not the frame shape: wrong arity, wrong element type, missing member.</summary>
    WrongShape,

    /// <summary>The payload is not a JSON object.</summary>
    PayloadNotObject,
}
