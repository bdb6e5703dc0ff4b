using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRiver.Wire.Json;

namespace FakeRiver.Requests;

/// <summary>
/// A run's <c>data</c>: the object a structured workflow produced, or the text of an unstructured one kept as text
/// until something asks for its OpenAI-style object (<see cref="Json"/>: admin, records, the sync answers). The
/// response payload and the webhook body print the text straight (<see cref="WriteTo(Utf8JsonWriter)"/>,
/// <see cref="JsText"/>): the same bytes as through the object
/// (tests/Contract/Pipeline/AiOutputTextTests.cs).
/// </summary>
internal sealed class AiOutput
{
    private readonly string? _text;
    private JsonObject? _json;
    private string? _jsText;

    private AiOutput(JsonObject? json, string? text) => (_json, _text) = (json, text);

    /// <summary>Structured output (or any data already an object): kept as it is.</summary>
    public static AiOutput Of(JsonObject data) => new(data, null);

    /// <summary>Unstructured output: <c>choices[0].message.content</c> is <paramref name="text"/>.</summary>
    public static AiOutput Unstructured(string text) => new(null, text);

    /// <summary>The data object, built on first read for unstructured text and then shared; never changed after.</summary>
    public JsonObject Json
    {
        get
        {
            if (Volatile.Read(ref _json) is { } json) return json;
            var built = UnstructuredJson(_text!);
            return Interlocked.CompareExchange(ref _json, built, null) ?? built;
        }
    }

    /// <summary>OpenAI-style <c>choices[0].message.content</c>, as unstructured ModelRiver output looks.</summary>
    public static JsonObject UnstructuredJson(string text) => new()
    {
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
            ["finish_reason"] = "stop",
        }),
    };

    /// <summary>The data as <see cref="FakeRiver.WireJsonWriter"/> writes <see cref="Json"/> (a value, after its name).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        if (_text is null)
        {
            Json.WriteTo(writer, WireJson.Options);
            return;
        }
        writer.WriteStartObject();
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("message");
        writer.WriteString("role", "assistant");
        writer.WriteString("content", _text);
        writer.WriteEndObject();
        writer.WriteString("finish_reason", "stop");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// The data as JsJson prints <see cref="Json"/>, printed once (an event-driven webhook body holds it twice, and
    /// its signed <c>data</c> text is this string). Ask for it before opening the body's writer: printing takes the
    /// thread's cached builder, which an open writer holds.
    /// </summary>
    public string JsText => _jsText ??= _text is null
        ? JsJson.Stringify(Json)
        : new JsObjectWriter()
            .BeginArray("choices")
            .BeginObjectItem()
            .Number("index", 0)
            .BeginObject("message").String("role", "assistant").String("content", _text).EndObject()
            .String("finish_reason", "stop")
            .EndObject()
            .EndArray()
            .Finish();
}
