using System.Text.Json.Nodes;

namespace FakeRiver.StructuredOutput;

/// <summary>
/// Numbers inside the schema's bounds (inclusive and exclusive, draft-04 booleans or draft-06+ numbers) and on its
/// <c>multipleOf</c> grid. Where the schema leaves a side open the field's name suggests a range: a confidence or a
/// score is a probability in 0..1, anything else a modest 0..100. Numbers get at most two decimals when they can.
/// </summary>
internal static class FakeNumber
{
    private const decimal LongSafe = 1_000_000_000_000_000_000m;

    private static readonly string[] UnitNames = ["confidence", "probability", "score", "ratio", "certainty", "likelihood", "weight"];

    public static JsonNode Generate(JsonObject schema, string hint, bool integer, FakeSource faker)
    {
        var (lo, loOpen, hi, hiOpen) = Bounds(schema, hint);
        var step = SchemaNumber.Get(schema, "multipleOf") is { } m && m > 0 ? m : (decimal?)null;
        if (integer)
        {
            // An integer on a fractional grid: the grid's integer points are multiples of step's numerator; keep it simple.
            var grid = step is { } s && decimal.Truncate(s) == s ? s : 1m;
            return JsonValue.Create((long)OnGrid(lo, loOpen, hi, hiOpen, grid, faker));
        }
        if (step is { } exact) return JsonValue.Create(Normalize(OnGrid(lo, loOpen, hi, hiOpen, exact, faker)));
        foreach (var grid in new[] { 0.01m, 0.0001m, 0.00000001m })
        {
            if (Count(lo, loOpen, hi, hiOpen, grid) > 0) return JsonValue.Create(Normalize(OnGrid(lo, loOpen, hi, hiOpen, grid, faker)));
        }
        return JsonValue.Create(Normalize((lo + hi) / 2));
    }

    private static (decimal Lo, bool LoOpen, decimal Hi, bool HiOpen) Bounds(JsonObject schema, string hint)
    {
        var min = SchemaNumber.Get(schema, "minimum");
        var max = SchemaNumber.Get(schema, "maximum");
        var exMin = SchemaNumber.Get(schema, "exclusiveMinimum");
        var exMax = SchemaNumber.Get(schema, "exclusiveMaximum");
        // Draft-04 spelled exclusiveness as a boolean beside minimum/maximum.
        if (SchemaNumber.GetBool(schema, "exclusiveMinimum")) (exMin, min) = (min, null);
        if (SchemaNumber.GetBool(schema, "exclusiveMaximum")) (exMax, max) = (max, null);

        decimal? low = exMin is { } a && (min is not { } b || a >= b) ? a : min;
        var lowOpen = exMin is { } c && low == c;
        decimal? high = exMax is { } d && (max is not { } e || d <= e) ? d : max;
        var highOpen = exMax is { } f && high == f;

        var (defLo, defHi) = DefaultRange(hint);
        var lo = low ?? (high is { } h && h <= defLo ? h - 100 : defLo);
        var hi = high ?? (low is { } l && l >= defHi ? l + 100 : defHi);
        return (Math.Max(lo, -SchemaNumber.Limit), lowOpen, Math.Min(hi, SchemaNumber.Limit), highOpen);
    }

    private static (decimal Lo, decimal Hi) DefaultRange(string hint)
    {
        var name = hint.ToLowerInvariant();
        if (UnitNames.Any(name.Contains)) return (0m, 1m);
        if (name.Contains("percent", StringComparison.Ordinal)) return (0m, 100m);
        if (name.Contains("count", StringComparison.Ordinal) || name.Contains("quantity", StringComparison.Ordinal)) return (1m, 20m);
        return (0m, 100m);
    }

    /// <summary>A random multiple of <paramref name="grid"/> in the interval; the nearest bound when none fits.</summary>
    private static decimal OnGrid(decimal lo, bool loOpen, decimal hi, bool hiOpen, decimal grid, FakeSource faker)
    {
        var (first, last) = Steps(lo, loOpen, hi, hiOpen, grid);
        if (first > last) return loOpen ? hi : lo;
        if (Math.Abs(first) > LongSafe || Math.Abs(last) > LongSafe) return first * grid;
        // Bound the span so the draw stays within long range for huge intervals on fine grids.
        last = Math.Min(last, first + 1_000_000_000m);
        return faker.Random.Long((long)first, (long)last) * grid;
    }

    private static decimal Count(decimal lo, bool loOpen, decimal hi, bool hiOpen, decimal grid)
    {
        var (first, last) = Steps(lo, loOpen, hi, hiOpen, grid);
        return last - first + 1;
    }

    private static (decimal First, decimal Last) Steps(decimal lo, bool loOpen, decimal hi, bool hiOpen, decimal grid)
    {
        var first = Math.Ceiling(lo / grid);
        if (loOpen && first * grid <= lo) first++;
        var last = Math.Floor(hi / grid);
        if (hiOpen && last * grid >= hi) last--;
        return (first, last);
    }

    /// <summary>Drops trailing zeros (0.50 -> 0.5) so the JSON text reads naturally.</summary>
    private static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}
