using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeRiver.Testing.Admin;

/// <summary>FakeRiver refused an admin call: the status and the error envelope's code and message.</summary>
public sealed class FakeRiverAdminException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FakeRiverAdminException(HttpStatusCode status, string? code, string message)
        : base($"{(int)status} {code}: {message}")
    {
        Status = status;
        Code = code;
    }

    /// <summary>The HTTP status FakeRiver answered.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The envelope's <c>error.code</c> (e.g. <c>invalid_workflow</c>), when there was one.</summary>
    public string? Code { get; }

    internal static FakeRiverAdminException From(HttpStatusCode status, string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject { } envelope && envelope["error"] is JsonObject error)
                return new FakeRiverAdminException(status, error["code"]?.GetValue<string>(), error["message"]?.GetValue<string>() ?? body);
        }
        catch (JsonException)
        {
            // Not the envelope: report the text as it came.
        }
        return new FakeRiverAdminException(status, null, body);
    }
}
