namespace ModelRiver.Wire.Json;

/// <summary>
/// Property order of a JavaScript object built by JSON.parse: array-index keys ("0", "7", up to 2^32-2) first in
/// ascending numeric order, then all other keys in insertion order; a repeated key keeps its first position and its
/// last value. JSON.stringify prints in that order, so a signer must too.
/// </summary>
public static class JsKeyOrder
{
    /// <summary>The properties in JavaScript object order; <paramref name="keyOf"/> names each property's key.</summary>
    public static IReadOnlyList<T> Arrange<T>(IEnumerable<T> properties, Func<T, string> keyOf)
    {
        var ordered = new List<T>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            var key = keyOf(property);
            if (positions.TryGetValue(key, out var at)) ordered[at] = property;
            else
            {
                positions[key] = ordered.Count;
                ordered.Add(property);
            }
        }
        var indexKeys = ordered.Where(p => IsArrayIndex(keyOf(p))).OrderBy(p => uint.Parse(keyOf(p), System.Globalization.CultureInfo.InvariantCulture));
        return [.. indexKeys, .. ordered.Where(p => !IsArrayIndex(keyOf(p)))];
    }

    /// <summary>A canonical decimal integer below 2^32 - 1 ("0", "42"; not "01", "-1", "4294967295").</summary>
    public static bool IsArrayIndex(string key)
    {
        if (key.Length is 0 or > 10 || (key.Length > 1 && key[0] == '0')) return false;
        foreach (var c in key)
        {
            if (c is < '0' or > '9') return false;
        }
        return ulong.Parse(key, System.Globalization.CultureInfo.InvariantCulture) < uint.MaxValue;
    }
}
