using System.Text.Json.Nodes;
using FakeRiver.StructuredOutput;

namespace Contract.StructuredOutput;

/// <summary>Schemas the generator property tests run over: each exercises a family of keywords.</summary>
internal static class GeneratorSchemas
{
    public static JsonObject ChatbotResponse { get; } = SchemaShorthand.Compile(new JsonObject
    {
        ["reply"] = "string",
        ["summary"] = "string",
        ["sentiment"] = "positive | neutral | negative",
        ["confidence"] = "number",
        ["topics"] = "array<string>",
        ["action_items"] = "array<{task: string, priority: 'high' | 'medium' | 'low'}>",
    });

    public static IReadOnlyDictionary<string, string> Json { get; } = new Dictionary<string, string>
    {
        ["enums"] = """
            {"type":"object","required":["color","code","mixed"],"properties":{
              "color":{"enum":["red","green","blue"]},
              "code":{"type":"integer","enum":[1,2,3]},
              "mixed":{"enum":["a",1,null,true,{"k":"v"}]},
              "fixed":{"const":"always"}}}
            """,
        ["ranged numbers"] = """
            {"type":"object","required":["a","b","c","d","e","f","g","h","i","confidence"],"properties":{
              "a":{"type":"number","minimum":5,"maximum":6},
              "b":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":0.02},
              "c":{"type":"integer","minimum":-3,"maximum":3},
              "d":{"type":"integer","exclusiveMinimum":10,"exclusiveMaximum":13},
              "e":{"type":"number","multipleOf":0.25,"minimum":1,"maximum":2},
              "f":{"type":"integer","multipleOf":5,"minimum":7},
              "g":{"type":"number","minimum":1000},
              "h":{"type":"number","maximum":-1000},
              "i":{"type":"number","minimum":0.001,"maximum":0.002},
              "confidence":{"type":"number"}}}
            """,
        ["nested arrays of objects"] = """
            {"type":"object","required":["groups"],"additionalProperties":false,"properties":{
              "groups":{"type":"array","minItems":2,"maxItems":4,"items":{
                "type":"object","required":["name","members"],"additionalProperties":false,"properties":{
                  "name":{"type":"string","minLength":3,"maxLength":12},
                  "members":{"type":"array","items":{"type":"object","required":["id","tags"],"properties":{
                    "id":{"type":"string","format":"uuid"},
                    "tags":{"type":"array","uniqueItems":true,"maxItems":2,"items":{"enum":["x","y","z"]}}}}}}}}}}
            """,
        ["strings and formats"] = """
            {"type":"object","required":["when","day","email","id","site","host","ip","short","long","reply","message"],"properties":{
              "when":{"type":"string","format":"date-time"},
              "day":{"type":"string","format":"date"},
              "email":{"type":"string","format":"email"},
              "id":{"type":"string","format":"uuid"},
              "site":{"type":"string","format":"uri"},
              "host":{"type":"string","format":"hostname"},
              "ip":{"type":"string","format":"ipv4"},
              "short":{"type":"string","maxLength":4},
              "long":{"type":"string","minLength":80},
              "reply":{"type":"string"},
              "message":{"type":"string","minLength":1,"maxLength":30}}}
            """,
        ["choices and type arrays"] = """
            {"type":"object","required":["either","one","maybe","flag","nothing","any"],"properties":{
              "either":{"anyOf":[{"type":"string","maxLength":5},{"type":"integer","minimum":100,"maximum":200}]},
              "one":{"oneOf":[{"type":"boolean"},{"type":"null"}]},
              "maybe":{"type":["string","null"]},
              "flag":{"type":"boolean"},
              "nothing":{"type":"null"},
              "any":{},
              "merged":{"allOf":[{"type":"object","required":["x"],"properties":{"x":{"type":"integer"}}},{"required":["y"],"properties":{"y":{"type":"string"}}}]}}}
            """,
        ["refs and recursion"] = """
            {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","required":["root"],
             "properties":{"root":{"$ref":"#/definitions/node"}},"definitions":{
              "node":{"type":"object","required":["label"],"properties":{
                "label":{"type":"string"},
                "children":{"type":"array","items":{"$ref":"#/definitions/node"}},
                "parent":{"anyOf":[{"$ref":"#/definitions/node"},{"type":"null"}]}}}}}
            """,
        ["top-level array"] = """
            {"type":"array","minItems":5,"items":{"type":"object","properties":{"n":{"type":"integer"}},"minProperties":1,"maxProperties":1}}
            """,
        ["draft-04 exclusive booleans"] = """
            {"type":"object","required":["p"],"properties":{"p":{"type":"number","minimum":0,"exclusiveMinimum":true,"maximum":1,"exclusiveMaximum":true}}}
            """,
    };

    public static IEnumerable<(string Name, JsonObject Schema)> All() =>
        Json.Select(p => (p.Key, JsonNode.Parse(p.Value)!.AsObject())).Prepend(("chatbot_response", ChatbotResponse));
}
