using System.Text;

namespace Contract.Hostile;

/// <summary>What came back on a raw connection: a parsed response, or why there was none.</summary>
public sealed record RawHttpResponse(int Status, string Headers, byte[] Body, RawOutcome Outcome)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public static RawHttpResponse None(RawOutcome outcome) => new(0, string.Empty, [], outcome);
}

/// <summary>How a raw exchange ended.</summary>
public enum RawOutcome
{
    /// <summary>A complete response was read.</summary>
    Answered,

    /// <summary>The server closed or reset the connection without a (complete) response.</summary>
    ClosedWithoutAnswer,

    /// <summary>Nothing arrived within the time limit: a hang.</summary>
    TimedOut,
}
