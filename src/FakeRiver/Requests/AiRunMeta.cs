using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRiver.Wire.Json;

namespace FakeRiver.Requests;

/// <summary>
/// The <c>meta</c> object of a finished run kept as its values (Pipeline/RunMeta.cs makes it): the response payload
/// and the webhook print it straight from them (<see cref="WriteTo(Utf8JsonWriter)"/>, <see cref="WriteTo(JsObjectWriter, string)"/>),
/// and the object itself (<see cref="Json"/>) is built only when something asks for it (admin, records). The sources
/// name the same facts two ways (docs/wire-contract.md 7.9), so both families are emitted: provider/model and
/// used_provider/used_model, tokens{...} and usage{...}. Every form is key for key what <see cref="ToJson"/>
/// prints (tests/Contract/Pipeline/RunMetaTextTests.cs).
/// </summary>
internal sealed class AiRunMeta(string workflow, bool success, long durationMs, int prompt, int completion,
    bool structuredOutput, IReadOnlyList<AttemptRecord> attempts, string? provider, string? model,
    bool offlineFallback, bool testMode)
{
    private JsonObject? _json;

    public long DurationMs => durationMs;

    public IReadOnlyList<AttemptRecord> Attempts => attempts;

    /// <summary>The provider that answered; null when all failed (then meta has no provider fields).</summary>
    public string? Provider => provider;

    /// <summary>meta.model: the answering provider's model, null when meta has none.</summary>
    public string? Model => provider is null ? null : model;

    /// <summary>The meta object, built on first read and then shared; never changed after.</summary>
    public JsonObject Json
    {
        get
        {
            if (Volatile.Read(ref _json) is { } json) return json;
            var built = ToJson();
            return Interlocked.CompareExchange(ref _json, built, null) ?? built;
        }
    }

    /// <summary>A new meta object.</summary>
    public JsonObject ToJson()
    {
        var meta = new JsonObject
        {
            ["workflow"] = workflow,
            ["status"] = success ? "success" : "error",
            ["duration_ms"] = durationMs,
            ["tokens"] = new JsonObject { ["prompt"] = prompt, ["completion"] = completion, ["total"] = prompt + completion },
            ["usage"] = new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion },
            ["structured_output"] = structuredOutput,
            ["attempts"] = new JsonArray([.. attempts.Select(a => (JsonNode)a.ToJson())]),
        };
        // No provider answered when all failed: then the fields are left out rather than null.
        if (provider is not null)
        {
            meta["provider"] = provider;
            meta["model"] = model;
            meta["used_provider"] = provider;
            meta["used_model"] = model;
        }
        if (offlineFallback) meta["offline_fallback"] = true;
        if (testMode) meta["test_mode"] = true;
        return meta;
    }

    /// <summary>The object as <see cref="FakeRiver.WireJsonWriter"/> prints <see cref="ToJson"/>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("workflow", workflow);
        writer.WriteString("status", success ? "success" : "error");
        writer.WriteNumber("duration_ms", durationMs);
        writer.WriteStartObject("tokens");
        writer.WriteNumber("prompt", prompt);
        writer.WriteNumber("completion", completion);
        writer.WriteNumber("total", prompt + completion);
        writer.WriteEndObject();
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", prompt);
        writer.WriteNumber("completion_tokens", completion);
        writer.WriteNumber("total_tokens", prompt + completion);
        writer.WriteEndObject();
        writer.WriteBoolean("structured_output", structuredOutput);
        writer.WriteStartArray("attempts");
        foreach (var attempt in attempts) attempt.WriteTo(writer);
        writer.WriteEndArray();
        if (provider is not null)
        {
            writer.WriteString("provider", provider);
            writer.WriteStringOrNull("model", model);
            writer.WriteString("used_provider", provider);
            writer.WriteStringOrNull("used_model", model);
        }
        if (offlineFallback) writer.WriteBoolean("offline_fallback", true);
        if (testMode) writer.WriteBoolean("test_mode", true);
        writer.WriteEndObject();
    }

    /// <summary>The object as the value of <paramref name="key"/>, as JsJson prints <see cref="ToJson"/>.</summary>
    public void WriteTo(JsObjectWriter writer, string key)
    {
        writer.BeginObject(key)
            .String("workflow", workflow)
            .String("status", success ? "success" : "error")
            .Number("duration_ms", durationMs)
            .BeginObject("tokens").Number("prompt", prompt).Number("completion", completion).Number("total", prompt + completion).EndObject()
            .BeginObject("usage").Number("prompt_tokens", prompt).Number("completion_tokens", completion).Number("total_tokens", prompt + completion).EndObject()
            .Boolean("structured_output", structuredOutput)
            .BeginArray("attempts");
        foreach (var attempt in attempts) attempt.WriteTo(writer);
        writer.EndArray();
        if (provider is not null)
        {
            writer.String("provider", provider).String("model", model).String("used_provider", provider).String("used_model", model);
        }
        if (offlineFallback) writer.Boolean("offline_fallback", true);
        if (testMode) writer.Boolean("test_mode", true);
        writer.EndObject();
    }
}
