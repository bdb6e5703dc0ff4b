using System.Security.Cryptography;
using System.Text;
using FakeRiver.Requests;

namespace Contract.Ids;

/// <summary>
/// ws_tokens and output seeds are made without intermediate strings (src/FakeRiver/Requests/RandomSource.cs); a
/// seeded source must give exactly what the string-built formulas gave, token for token and seed for seed.
/// </summary>
public sealed class RandomSourceTextTests
{
    [Fact]
    public void NewToken_SeededSources_EqualTheTrimmedReplacedBase64OfTheSameBytes()
    {
        var sawPlus = false;
        var sawSlash = false;
        for (var seed = 0; seed < 200; seed++)
        {
            var expectedBytes = new byte[32];
            new Random(seed).NextBytes(expectedBytes);
            var base64 = Convert.ToBase64String(expectedBytes);
            sawPlus |= base64.Contains('+');
            sawSlash |= base64.Contains('/');

            Assert.Equal(base64.TrimEnd('=').Replace('+', '-').Replace('/', '_'), RandomSource.Seeded(seed).NewToken());
        }
        Assert.True(sawPlus && sawSlash);
    }

    [Theory]
    [InlineData(42, "wf\u0000[{\"role\":\"user\",\"content\":\"Hello\"}]")]
    [InlineData(0, "")]
    [InlineData(-7, "négatif \ud83d\ude00")]
    [InlineData(int.MaxValue, "lone \ud800 surrogate \udc00 end")]
    [InlineData(int.MinValue, "x")]
    public void Derive_AnyText_EqualsTheHashOfTheInterpolatedString(int seed, string text)
    {
        Assert.Equal(OldDerive(seed, text), RandomSource.Seeded(seed).Derive(text));
    }

    [Fact]
    public void Derive_LongText_EqualsTheHashOfTheInterpolatedString()
    {
        var text = string.Concat(Enumerable.Repeat("ünïcode and ascii, ", 5_000));

        Assert.Equal(OldDerive(42, text), RandomSource.Seeded(42).Derive(text));
    }

    private static int OldDerive(int seed, string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\u0000{text}"));
        return BitConverter.ToInt32(hash, 0) & int.MaxValue;
    }
}
