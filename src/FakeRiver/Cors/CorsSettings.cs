namespace FakeRiver.Cors;

/// <summary>
/// <c>FakeRiver:Cors</c>: browser origins allowed to call the public API directly (a page served from another port
/// in development). <value>Empty: CORS off, no preflight is answered.</value>
/// </summary>
public sealed class CorsSettings
{
    /// <summary>Origins such as <c>http://localhost:5173</c>, or <c>*</c> for any; a comma-separated string also works.</summary>
    public List<string> Origins { get; set; } = [];

    public bool Enabled => Origins.Count > 0;
}
