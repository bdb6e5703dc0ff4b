using Microsoft.ML.Tokenizers;

namespace FakeRiver.Usage;

/// <summary>
/// Counts tokens the way GPT-4o-class models do: the o200k_base tiktoken vocabulary (Microsoft.ML.Tokenizers with
/// its O200kBase data package), so <c>usage</c> figures look like a real provider's. The tokenizer is immutable and
/// thread-safe; it is built once, on first use (loading the vocabulary takes a moment).
/// </summary>
internal static class TokenCounter
{
    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public static int Count(string text) => text.Length == 0 ? 0 : O200k.Value.CountTokens(text);
}
