namespace FakeRiver.Phoenix;

/// <summary>Either a decoded frame or the reason there is none: the decoder reports, it never throws.</summary>
internal readonly record struct PhoenixDecodeResult(PhoenixFrame? Frame, PhoenixDecodeError Error)
{
    public bool IsSuccess => Frame is not null;

    public static PhoenixDecodeResult Ok(PhoenixFrame frame) => new(frame, PhoenixDecodeError.None);

    public static PhoenixDecodeResult Fail(PhoenixDecodeError error) => new(null, error);
}
