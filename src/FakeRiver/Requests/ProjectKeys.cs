using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace FakeRiver.Requests;

/// <summary>
/// Which project an API key opens, as ModelRiver scopes everything by project. Configured keys open the configured
/// project; with <see cref="FakeRiverOptions.OpenKeys"/> any key starting with <see cref="OpenKeyPrefix"/> opens a
/// project of its own whose id is derived from the key, so one shared FakeRiver keeps many test suites apart.
/// </summary>
internal sealed class ProjectKeys(IOptions<FakeRiverOptions> options)
{
    /// <summary>The prefix of ModelRiver's test keys; only such keys are accepted as open keys.</summary>
    public const string OpenKeyPrefix = "mr_test_";

    /// <summary>The project <paramref name="key"/> opens, or why it opens none.</summary>
    public KeyCheck Check(string key)
    {
        var settings = options.Value;
        if (Matches(settings.ApiKeys, key)) return new KeyCheck(KeyVerdict.Accepted, settings.ProjectId);
        if (Matches(settings.ForeignApiKeys, key)) return new KeyCheck(KeyVerdict.Foreign, null);
        if (settings.OpenKeys == true && IsOpenKey(key)) return new KeyCheck(KeyVerdict.Accepted, ProjectIdOf(key));
        return new KeyCheck(KeyVerdict.Unknown, null);
    }

    /// <summary>
    /// The project an admin scope names: a project id as it is, or an accepted API key's project; null when the
    /// value is neither.
    /// </summary>
    public string? ScopeOf(string value)
    {
        if (value.Length == 36 && Guid.TryParseExact(value, "D", out _)) return value.ToLowerInvariant();
        var check = Check(value);
        return check.Verdict == KeyVerdict.Accepted ? check.ProjectId : null;
    }

    /// <summary>
    /// A stable UUID for an open key: the same key gives the same project on every run and machine, and nothing
    /// about the key can be read back from it (a SHA-256 digest, shaped as an RFC 9562 version-8 UUID).
    /// </summary>
    public static string ProjectIdOf(string key)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("fakeriver-project:" + key));
        digest[6] = (byte)((digest[6] & 0x0F) | 0x80); // version 8
        digest[8] = (byte)((digest[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(digest.AsSpan(0, 16), bigEndian: true).ToString("D");
    }

    private static bool IsOpenKey(string key) =>
        key.Length > OpenKeyPrefix.Length && key.Length <= 256 && key.StartsWith(OpenKeyPrefix, StringComparison.Ordinal)
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static bool Matches(IEnumerable<string> keys, string candidate)
    {
        var given = Encoding.UTF8.GetBytes(candidate);
        var found = false;
        foreach (var key in keys)
        {
            // Constant time per key, and every key compared: the answer time says nothing about the key.
            found |= CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), given);
        }
        return found;
    }
}
