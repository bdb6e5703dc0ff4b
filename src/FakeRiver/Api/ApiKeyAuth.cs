using FakeRiver.Requests;

namespace FakeRiver.Api;

/// <summary>Bearer API-key check: unknown or missing key 401, another project's key 403 (docs/wire-contract.md 1.2).</summary>
internal sealed class ApiKeyAuth(ProjectKeys projects)
{
    /// <summary>Null when the caller may proceed, else the error answer.</summary>
    public IResult? Check(HttpRequest request) => Check(request, out _);

    /// <summary>As <see cref="Check(HttpRequest)"/>, with the project the key opens.</summary>
    public IResult? Check(HttpRequest request, out string projectId)
    {
        projectId = "";
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return ApiErrors.InvalidApiKey();
        var check = projects.Check(header[prefix.Length..].Trim());
        switch (check.Verdict)
        {
            case KeyVerdict.Accepted:
                projectId = check.ProjectId!;
                return null;
            case KeyVerdict.Foreign:
                return ApiErrors.ForeignProject();
            default:
                return ApiErrors.InvalidApiKey();
        }
    }
}
