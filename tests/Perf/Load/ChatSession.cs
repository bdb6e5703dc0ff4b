using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FakeRiver.Testing;

namespace Perf.Load;

/// <summary>One chat as the public example's browser does it: POST /chat to the backend, then join the channel.</summary>
public static class ChatSession
{
    public static async Task<StreamRecord> RunAsync(HttpClient http, Uri chatUrl, string workflow, int tokens, SetupGates gates, CancellationToken ct)
    {
        var record = new StreamRecord(tokens);
        using var gate = await gates.EnterAsync(ct);
        try
        {
            record.SentAt = Ticks.Now();
            using var response = await http.PostAsJsonAsync(chatUrl, new JsonObject { ["message"] = "Hello", ["workflow"] = workflow }, ct);
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
            record.AcceptedAt = Ticks.Now();
            if (!response.IsSuccessStatusCode || body is null) throw new InvalidOperationException($"/chat answered {(int)response.StatusCode}");

            record.ChannelId = body["channel_id"]!.GetValue<string>();
            var socketUri = PhoenixStreamClient.SocketUri(body["websocket_url"]!.GetValue<string>(), body["ws_token"]!.GetValue<string>());
            await StreamListener.ListenAsync(socketUri, body["websocket_channel"]!.GetValue<string>(), record, gate, ct);
        }
        catch (Exception e)
        {
            // A level that overran its time limit is reported (its unfinished streams as errors), not thrown away.
            record.Error = ct.IsCancellationRequested ? "level time limit reached" : e.GetType().Name + ": " + e.Message;
        }
        return record;
    }
}
