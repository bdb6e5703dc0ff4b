namespace FakeRiver.Requests;

/// <summary>How FakeRiver answers an API key: accepted, another project's (403), or unknown (401).</summary>
internal enum KeyVerdict
{
    Unknown,
    Foreign,
    Accepted,
}
