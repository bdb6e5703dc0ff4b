using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
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

    public static TheoryData<string?> Messages => new()
    {
        null,
        """[{"role":"user","content":"Hello"}]""",
        """[{"role":"user","content":"héllo \ud83d\ude00 <b> & ' + \u2028 \"q\" \\"},{"n":1.50,"big":123456789012345678901234,"t":true,"z":null}]""",
        """{"not":"an array","nested":{"a":[[],{}]}}""",
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Derive_LabelAndJson_EqualsDeriveOfTheLabelAndToJsonString(string? json)
    {
        var parsed = json is null ? null : JsonNode.Parse(json);
        var built = parsed?.DeepClone();
        var source = RandomSource.Seeded(-3);

        Assert.Equal(source.Derive($"wf é\u0000{parsed?.ToJsonString()}"), source.Derive("wf é", parsed));
        Assert.Equal(source.Derive($"wf é\u0000{built?.ToJsonString()}"), source.Derive("wf é", built));
    }

    [Fact]
    public void Derive_LabelAndJsonWithALoneSurrogate_FailsOrSucceedsAsToJsonStringDoes()
    {
        var source = RandomSource.Seeded(1);
        foreach (var node in new JsonNode[] { JsonNode.Parse("[\"a\\ud800\"]")!, new JsonArray("a\ud800") })
        {
            var old = Record.Exception(() => source.Derive($"wf\u0000{node.ToJsonString()}"));
            var now = Record.Exception(() => source.Derive("wf", node));

            Assert.Equal(old?.GetType(), now?.GetType());
            if (old is null) Assert.Equal(source.Derive($"wf\u0000{node.ToJsonString()}"), source.Derive("wf", node));
        }
    }

    [Fact]
    public void Derive_LabelAndLargeJson_EqualsDeriveOfTheLabelAndToJsonString()
    {
        var messages = new JsonArray([.. Enumerable.Range(0, 2_000).Select(i => (JsonNode)new JsonObject { ["role"] = "user", ["content"] = $"message {i} ü" })]);
        var source = RandomSource.Seeded(42);

        Assert.Equal(source.Derive($"chat\u0000{messages.ToJsonString()}"), source.Derive("chat", messages));
        // And again, after the per-thread buffer was dropped for its size.
        Assert.Equal(source.Derive($"chat\u0000[1]"), source.Derive("chat", new JsonArray(1)));
    }

    private static int OldDerive(int seed, string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\u0000{text}"));
        return BitConverter.ToInt32(hash, 0) & int.MaxValue;
    }
}
