using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeRiver.Requests;

/// <summary>
/// The one source of randomness. Channel ids and ws_tokens come from <see cref="RandomNumberGenerator"/> unless
/// determinism was asked for (<see cref="Seeded"/>: an explicit <c>FakeRiver:Seed</c>, scenario runs), so a
/// FakeRiver left running as a dev server hands out unguessable tokens. Simulated output always derives from
/// <see cref="Seed"/> (<see cref="DefaultOutputSeed"/> when none is set): the same prompt gives the same answer.
/// Thread-safe.
/// </summary>
internal sealed class RandomSource
{
    /// <summary>Seed of simulated output when <c>FakeRiver:Seed</c> is not set.</summary>
    public const int DefaultOutputSeed = 42;

    private readonly Random? _ids;
    private readonly Lock _gate = new();

    /// <summary>Ids and tokens from the seeded stream <paramref name="seed"/>: the same seed, the same sequence.</summary>
    public RandomSource(int seed)
    {
        Seed = seed;
        _ids = new Random(seed);
    }

    private RandomSource(int outputSeed, bool secureIds)
    {
        Seed = outputSeed;
        _ids = secureIds ? null : new Random(outputSeed);
    }

    /// <summary>Deterministic ids, tokens and output from <paramref name="seed"/>.</summary>
    public static RandomSource Seeded(int seed) => new(seed);

    /// <summary>Ids and tokens from the cryptographic generator; output from <see cref="DefaultOutputSeed"/>.</summary>
    public static RandomSource Secure() => new(DefaultOutputSeed, secureIds: true);

    /// <summary>The seed simulated output derives from.</summary>
    public int Seed { get; }

    /// <summary>True when ids and tokens repeat from run to run (a seed was asked for).</summary>
    public bool DeterministicIds => _ids is not null;

    /// <summary>A version-4 UUID (lowercase, hyphenated).</summary>
    public string NewUuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        Fill(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid stores the 3rd group little-endian)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes).ToString("D");
    }

    /// <summary>An opaque URL-safe token of 32 random bytes.</summary>
    public string NewToken()
    {
        Span<byte> bytes = stackalloc byte[32];
        Fill(bytes);
        // base64url without padding: the same text as Convert.ToBase64String trimmed of '=' with '+' -> '-', '/' -> '_'.
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>A seed derived from the output seed and some text: the same inputs give the same seed everywhere.</summary>
    public int Derive(string text)
    {
        // SHA-256 of the UTF-8 of $"{Seed}\0{text}", encoded into a pooled buffer rather than a new string and array
        // (once per run: tests/Perf/results/profile-accept.md). Seed is formatted as the interpolation formats it.
        Span<char> prefix = stackalloc char[16];
        Seed.TryFormat(prefix, out var digits);
        prefix[digits++] = '\u0000';
        var length = Encoding.UTF8.GetByteCount(prefix[..digits]) + Encoding.UTF8.GetByteCount(text);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(prefix[..digits], buffer);
            written += Encoding.UTF8.GetBytes(text, buffer.AsSpan(written));
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, written), hash);
            return BitConverter.ToInt32(hash) & int.MaxValue;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// <c>Derive($"{label}\0{json?.ToJsonString()}")</c>, with the node written as UTF-8 straight after the prefix in
    /// a reused per-thread buffer instead of printed to a string first (the pipeline's seed, once per run). The
    /// writer is the one ToJsonString uses (default options), and its UTF-8 is what encoding its string gives.
    /// </summary>
    public int Derive(string label, JsonNode? json)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        try
        {
            Span<char> seed = stackalloc char[16];
            Seed.TryFormat(seed, out var digits);
            seed[digits++] = '\u0000';
            Encode(seed[..digits], buffer);
            Encode(label, buffer);
            Encode("\u0000", buffer);
            if (json is not null)
            {
                var writer = t_writer ??= new Utf8JsonWriter(buffer);
                writer.Reset(buffer);
                json.WriteTo(writer);
                writer.Flush();
            }
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.WrittenSpan, hash);
            return BitConverter.ToInt32(hash) & int.MaxValue;
        }
        finally
        {
            // A one-off large body must not pin a large buffer to the thread for ever.
            if (buffer.Capacity > 64 * 1024) (t_buffer, t_writer) = (null, null);
        }
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private static void Encode(ReadOnlySpan<char> text, ArrayBufferWriter<byte> buffer) =>
        buffer.Advance(Encoding.UTF8.GetBytes(text, buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length))));

    private void Fill(Span<byte> bytes)
    {
        if (_ids is null)
        {
            RandomNumberGenerator.Fill(bytes);
            return;
        }
        lock (_gate) _ids.NextBytes(bytes);
    }
}
