using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FakeRiver.StructuredOutput;

/// <summary>
/// Strings that read like a real answer: the <c>format</c> decides first (date-time, email, uuid, uri, ...), then the
/// field's name (a reply or summary gets a sentence or two, topics and tasks short phrases), then length limits.
/// </summary>
internal static class FakeText
{
    /// <summary>Dates are drawn around a fixed instant: the wall clock would make output differ from run to run.</summary>
    private static readonly DateTime Epoch = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] ProseNames =
        ["reply", "summary", "message", "description", "text", "content", "answer", "explanation", "body", "comment", "reason", "note", "response"];

    public static string Generate(JsonObject schema, string hint, FakeSource faker)
    {
        var format = schema["format"] is JsonValue f && f.TryGetValue<string>(out var s) ? s : null;
        var text = (format is null ? null : ByFormat(format, faker)) ?? ByName(hint.ToLowerInvariant(), faker);
        return format is null ? FitLength(text, schema, faker) : text;
    }

    private static string? ByFormat(string format, FakeSource faker) => format switch
    {
        "date-time" => Instant(faker).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        "date" => Instant(faker).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "time" => Instant(faker).ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        "email" => $"{Slug(faker.Name.FirstName())}.{Slug(faker.Name.LastName())}{faker.Random.Int(1, 99)}@example.com",
        "uuid" or "guid" => new Guid(faker.Random.Bytes(16)).ToString("D"),
        "uri" or "url" or "iri" => $"https://example.com/{Slug(faker.Hacker.Noun())}/{faker.Random.Int(1, 9999)}",
        "hostname" or "idn-hostname" => $"{Slug(faker.Hacker.Noun())}.example.com",
        "ipv4" => $"10.{faker.Random.Int(0, 255)}.{faker.Random.Int(0, 255)}.{faker.Random.Int(1, 254)}",
        "ipv6" => $"fd00::{faker.Random.Int(1, 0xffff):x}:{faker.Random.Int(1, 0xffff):x}",
        _ => null,
    };

    private static DateTime Instant(FakeSource faker) => Epoch.AddSeconds(faker.Random.Int(0, 2 * 365 * 24 * 3600));

    private static string ByName(string name, FakeSource faker)
    {
        if (ProseNames.Any(name.Contains)) return Prose(faker);
        if (name.Contains("email", StringComparison.Ordinal)) return ByFormat("email", faker)!;
        if (name.Contains("url", StringComparison.Ordinal) || name.Contains("link", StringComparison.Ordinal)) return ByFormat("uri", faker)!;
        if (name.EndsWith("id", StringComparison.Ordinal)) return ByFormat("uuid", faker)!;
        if (name.Contains("first_name", StringComparison.Ordinal)) return faker.Name.FirstName();
        if (name.Contains("name", StringComparison.Ordinal)) return faker.Name.FullName();
        if (name.Contains("title", StringComparison.Ordinal) || name.Contains("subject", StringComparison.Ordinal)) return faker.Company.CatchPhrase();
        if (name.Contains("task", StringComparison.Ordinal) || name.Contains("action", StringComparison.Ordinal) || name.Contains("step", StringComparison.Ordinal))
            return $"{Capitalize(faker.Hacker.Verb())} the {faker.Hacker.Adjective()} {faker.Hacker.Noun()}";
        return $"{faker.Hacker.Adjective()} {faker.Hacker.Noun()}";
    }

    private static string Prose(FakeSource faker)
    {
        var first = faker.Hacker.Phrase();
        return faker.Random.Bool() ? first : $"{first} {faker.Hacker.Phrase()}";
    }

    /// <summary>Pads with more words or cuts, so minLength/maxLength hold; lengths count characters (text is ASCII).</summary>
    private static string FitLength(string text, JsonObject schema, FakeSource faker)
    {
        var min = SchemaNumber.GetInt(schema, "minLength") ?? 0;
        var max = SchemaNumber.GetInt(schema, "maxLength") ?? int.MaxValue;
        while (text.Length < min) text += " " + faker.Hacker.Noun();
        if (text.Length <= max) return text;
        // Cut at a word boundary when that still meets minLength, so a short field does not end mid-word.
        var cut = text[..max];
        var space = cut.LastIndexOf(' ');
        text = space >= Math.Max(min, 1) ? cut[..space] : cut;
        return text;
    }

    /// <summary>Lowercase letters and digits joined by '-': safe in emails, host names and URL paths.</summary>
    private static string Slug(string text) =>
        Regex.Replace(text.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-') is { Length: > 0 } slug ? slug : "x";

    private static string Capitalize(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
