using System.Text;

namespace ModelRiver.Wire.Json;

/// <summary>
/// One reusable StringBuilder per thread for the printers: a webhook body is printed per request, and growing a
/// fresh builder to its size each time was a visible share of a request's allocations
/// (tests/Perf/results/profile-accept.md). A builder grown past <see cref="MaxKept"/> is not kept.
/// </summary>
internal static class StringBuilderCache
{
    private const int MaxKept = 16 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_cached;

    /// <summary>An empty builder: the thread's cached one when free, else a new one.</summary>
    public static StringBuilder Acquire()
    {
        var builder = t_cached;
        if (builder is null) return new StringBuilder(1024);
        t_cached = null;
        return builder.Clear();
    }

    /// <summary>The builder's text; the builder goes back to the thread's cache and must not be used again.</summary>
    public static string Release(StringBuilder builder)
    {
        var text = builder.ToString();
        if (builder.Capacity <= MaxKept) t_cached = builder;
        return text;
    }
}
