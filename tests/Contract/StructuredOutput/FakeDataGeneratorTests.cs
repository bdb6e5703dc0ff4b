using System.Text.Json.Nodes;
using FakeRiver.StructuredOutput;

namespace Contract.StructuredOutput;

public class FakeDataGeneratorTests
{
    private const int Seeds = 200;
    private readonly OutputValidator _validator = new();

    public static TheoryData<string> SchemaNames()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in GeneratorSchemas.All()) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(SchemaNames))]
    public void Generate_ManySeeds_AlwaysValidates(string name)
    {
        var schema = Schema(name);
        for (var seed = 0; seed < Seeds; seed++)
        {
            var value = FakeDataGenerator.Generate(schema, seed);
            var errors = _validator.Validate(value, schema);
            Assert.True(errors.Count == 0, $"seed {seed}: {string.Join("; ", errors)} in {value?.ToJsonString()}");
        }
    }

    [Theory]
    [MemberData(nameof(SchemaNames))]
    public void Generate_SameSeed_SameBytes(string name)
    {
        var schema = Schema(name);
        for (var seed = 0; seed < 50; seed++)
            Assert.Equal(FakeDataGenerator.GenerateJson(schema, seed), FakeDataGenerator.GenerateJson((JsonObject)schema.DeepClone(), seed));
    }

    [Fact]
    public void Generate_DifferentSeeds_DifferentData()
    {
        var texts = Enumerable.Range(0, 20).Select(seed => FakeDataGenerator.GenerateJson(GeneratorSchemas.ChatbotResponse, seed));

        Assert.True(texts.Distinct().Count() > 15);
    }

    [Fact]
    public void Generate_ChatbotResponse_LooksLikeAnAnswer()
    {
        for (var seed = 0; seed < Seeds; seed++)
        {
            var value = FakeDataGenerator.Generate(GeneratorSchemas.ChatbotResponse, seed)!;
            var confidence = value["confidence"]!.GetValue<decimal>();
            Assert.InRange(confidence, 0m, 1m);
            Assert.Contains(" ", value["reply"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.InRange(value["topics"]!.AsArray().Count, 1, 3);
        }
    }

    [Fact]
    public void Generate_NullSchema_GivesNull() =>
        Assert.Null(FakeDataGenerator.Generate(new JsonObject { ["type"] = "null" }, 1));

    private static JsonObject Schema(string name) => GeneratorSchemas.All().Single(s => s.Name == name).Schema;
}
