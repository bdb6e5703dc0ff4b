using System.Text;

namespace FakeRiver.Scenarios.Running;

/// <summary>
/// The other end of a forged <c>callback_url</c>: an address FakeRiver controls on another origin, counting the
/// requests that reach it and those that carry the API key (in any header or in the body). A backend that trusts
/// the webhook's callback URL sends its key here; a safe one sends nothing.
/// </summary>
public sealed class KeyTrap(string apiKey)
{
    private int _requests;
    private int _withKey;

    /// <summary>Requests that reached the trap.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests that reached the trap carrying the API key.</summary>
    public int KeyLeaks => Volatile.Read(ref _withKey);

    /// <summary>Counts one request from its header values and body.</summary>
    public void Record(IEnumerable<string> headerValues, byte[] body)
    {
        Interlocked.Increment(ref _requests);
        var carriesKey = headerValues.Any(v => v.Contains(apiKey, StringComparison.Ordinal))
            || Encoding.UTF8.GetString(body).Contains(apiKey, StringComparison.Ordinal);
        if (carriesKey) Interlocked.Increment(ref _withKey);
    }
}
