using System.Security.Cryptography;
using System.Text;

namespace FakeRiver.Requests;

/// <summary>
/// The one source of randomness: seeded from <see cref="FakeRiverOptions.Seed"/>, so ids and tokens repeat from
/// run to run. Thread-safe. Not for secrets: the fake's tokens only need to be unguessable by accident.
/// </summary>
internal sealed class RandomSource(int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public int Seed { get; } = seed;

    /// <summary>A version-4-shaped UUID (lowercase, hyphenated) drawn from the seeded stream.</summary>
    public string NewUuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        lock (_gate)
        {
            _random.NextBytes(bytes);
        }
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid stores the 3rd group little-endian)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes).ToString("D");
    }

    /// <summary>An opaque URL-safe token of 32 random bytes.</summary>
    public string NewToken()
    {
        Span<byte> bytes = stackalloc byte[32];
        lock (_gate)
        {
            _random.NextBytes(bytes);
        }
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>A seed derived from the run seed and some text: the same inputs give the same seed everywhere.</summary>
    public int Derive(string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{Seed}\u0000{text}"));
        return BitConverter.ToInt32(hash, 0) & int.MaxValue;
    }
}
