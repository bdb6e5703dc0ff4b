namespace FakeRiver.Scenarios.Running;

/// <summary>Whether a backend listens: any HTTP answer to <c>GET /</c> counts, whatever its status.</summary>
internal static class BackendProbe
{
    public static async Task<bool> AnswersAsync(HttpClient http, Uri backend, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(backend, ct);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
