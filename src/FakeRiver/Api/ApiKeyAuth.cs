using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace FakeRiver.Api;

/// <summary>Bearer API-key check: unknown or missing key 401, another project's key 403 (docs/wire-contract.md 1.2).</summary>
public sealed class ApiKeyAuth(IOptions<FakeRiverOptions> options)
{
    /// <summary>Null when the caller may proceed, else the error answer.</summary>
    public IResult? Check(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return ApiErrors.InvalidApiKey();
        var key = header[prefix.Length..].Trim();
        if (Matches(options.Value.ApiKeys, key)) return null;
        return Matches(options.Value.ForeignApiKeys, key) ? ApiErrors.ForeignProject() : ApiErrors.InvalidApiKey();
    }

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
