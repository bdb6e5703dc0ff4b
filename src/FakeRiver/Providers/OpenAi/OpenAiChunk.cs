using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeRiver.Providers.OpenAi;

/// <summary>
/// The parts of one <c>chat.completion.chunk</c> that matter here: the content delta, the finish reason, and the
/// upstream's <c>usage</c> when it sends one (kept only in recordings).
/// </summary>
internal readonly record struct OpenAiChunk(string? Content, string? FinishReason, JsonObject? Usage = null)
{
    public const string Malformed = "malformed_chunk";

    /// <summary>
    /// Parses an event's data. A chunk must be an object with a <c>choices</c> array; an empty array is valid
    /// (usage-only chunks). Anything else is a <see cref="Malformed"/> failure: the upstream is not speaking the protocol.
    /// </summary>
    public static OpenAiChunk Parse(string data)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(data);
        }
        catch (JsonException ex)
        {
            throw new ProviderFailure(Malformed, inner: ex);
        }
        if (node is not JsonObject { } chunk || chunk["choices"] is not JsonArray choices) throw new ProviderFailure(Malformed);
        var usage = chunk["usage"] as JsonObject;
        if (choices.Count == 0) return new OpenAiChunk(null, null, usage);
        if (choices[0] is not JsonObject choice) throw new ProviderFailure(Malformed);
        var finish = OptionalString(choice["finish_reason"]);
        var content = choice["delta"] switch
        {
            null => null,
            JsonObject delta => OptionalString(delta["content"]),
            _ => throw new ProviderFailure(Malformed),
        };
        return new OpenAiChunk(content, finish, usage);
    }

    private static string? OptionalString(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw new ProviderFailure(Malformed),
    };
}
