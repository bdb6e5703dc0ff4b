using System.Text.Json.Nodes;
using FakeRiver.StructuredOutput;

namespace Contract.StructuredOutput.Gate;

/// <summary>
/// The incremental gate against the whole-text gate it replaced: over generated outputs of every generator schema,
/// and over those outputs with seeded corruptions, every prefix gets the same verdict whether it arrives as one
/// text or delta by delta. (Corruptions avoid backslashes and arrays past maxItems: there the new gate is stricter,
/// by design, and <see cref="StreamingSchemaGateTests"/> covers those cases.)
/// </summary>
public class IncrementalGateDifferentialTests
{
    private const string Corruptions = "\"',:{}[] x1-.etn";

    public static TheoryData<string> SchemaNames()
    {
        var names = new TheoryData<string> { "chatbot_response" };
        foreach (var name in GeneratorSchemas.Json.Keys) names.Add(name);
        return names;
    }

    [Theory]
    [MemberData(nameof(SchemaNames))]
    public void Gate_EveryPrefixOfGeneratedAndCorruptedOutputs_AgreesWithWholeTextGate(string name)
    {
        var schema = name == "chatbot_response" ? GeneratorSchemas.ChatbotResponse : (JsonObject)JsonNode.Parse(GeneratorSchemas.Json[name])!;
        var validator = new OutputValidator();
        var oracle = new WholeTextGateOracle(validator);
        var gate = new StreamingSchemaGate(validator);
        var random = new Random(20261130);
        var rejected = 0;
        for (var seed = 1; seed <= 3; seed++)
        {
            var valid = FakeDataGenerator.GenerateJson(schema, seed);
            Assert.True(AssertAgrees(schema, valid, oracle, gate, random));
            for (var c = 0; c < 6; c++) rejected += AssertAgrees(schema, Corrupt(valid, random), oracle, gate, random) ? 0 : 1;
        }
        Assert.NotEqual(0, rejected);
    }

    /// <summary>Feeds random-sized deltas, comparing after each; returns whether the whole text stayed viable.</summary>
    private static bool AssertAgrees(JsonObject schema, string text, WholeTextGateOracle oracle, StreamingSchemaGate gate, Random random)
    {
        var session = gate.Open(schema);
        var alive = true;
        var at = 0;
        while (at < text.Length)
        {
            var size = Math.Min(random.Next(1, 6), text.Length - at);
            alive = session.TryAppend(text.AsSpan(at, size)) && alive;
            at += size;
            var expected = oracle.IsViable(schema, text[..at], out var why);
            Assert.True(expected == alive, $"prefix {text[..at]}: whole-text gate says {expected} ({why}), incremental {alive} ({session.Violation})");
            Assert.Equal(expected, gate.IsViable(schema, text[..at], out _));
            if (!alive) return false;
        }
        return true;
    }

    private static string Corrupt(string text, Random random)
    {
        var at = random.Next(text.Length);
        return random.Next(3) switch
        {
            0 => text.Remove(at, 1),
            1 => text.Insert(at, Corruptions[random.Next(Corruptions.Length)].ToString()),
            _ => text[..at] + Corruptions[random.Next(Corruptions.Length)] + text[(at + 1)..],
        };
    }
}
