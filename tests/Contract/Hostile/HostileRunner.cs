using System.Net;
using System.Text;

namespace Contract.Hostile;

/// <summary>Sends inputs in parallel over real sockets and checks every answer; failures are collected, not thrown.</summary>
public sealed class HostileRunner(HostileApps apps, HostileFigures figures)
{
    public const int Parallelism = 12;
    private static readonly TimeSpan InputLimit = TimeSpan.FromSeconds(20);

    public Task SendHttpAsync(IEnumerable<HttpInput> inputs) =>
        Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (input, _) => await CheckHttpAsync(input));

    private async Task CheckHttpAsync(HttpInput input)
    {
        var app = input.App == TargetApp.River ? "river" : "backend";
        var response = await RawHttpClient.SendAsync(apps.EndPoint(input.App), input, InputLimit);
        switch (response.Outcome)
        {
            case RawOutcome.TimedOut:
                figures.CountHttp($"{app} hang");
                figures.Fail($"{input}: no answer within {InputLimit.TotalSeconds} s");
                return;
            case RawOutcome.ClosedWithoutAnswer:
                figures.CountHttp($"{app} closed without answer");
                // A client that half-closes mid-body has left: Kestrel may drop the answer.
                if (!input.MayCloseWithoutAnswer && input.Ending != InputEnding.HalfClose) figures.Fail($"{input}: connection closed without an answer");
                return;
        }
        // A protocol fault is answered by Kestrel itself (no body) when Kestrel refuses it; if it got through, the
        // app answered and owes its envelope like for any other input.
        var byKestrel = input.ProtocolFault && response.Body.Length == 0;
        figures.CountHttp($"{(byKestrel ? "kestrel" : app)} {response.Status}");
        if (input.VersionNotSupported && response.Status == 505) return;
        CheckAnswer(input.ToString(), input.App, response, envelopeExpected: !byKestrel && !input.IsHead);
    }

    /// <summary>No 5xx, ever; a 4xx from the app carries the app's envelope.</summary>
    public void CheckAnswer(string name, TargetApp app, RawHttpResponse response, bool envelopeExpected)
    {
        if (response.Status >= 500) figures.Fail($"{name}: {response.Status} {Snippet(response)}");
        if (response.Status is >= 400 and < 500 && envelopeExpected)
        {
            var ok = app == TargetApp.River ? Envelope.IsRiverEnvelope(response.Body) : Envelope.IsBackendEnvelope(response.Body);
            if (!ok) figures.Fail($"{name}: {response.Status} without the error envelope: {Snippet(response)}");
        }
    }

    /// <summary>Upgrade attempts: 101 when <c>expectOpen</c>, else a 4xx with the envelope.</summary>
    public Task SendUpgradesAsync(IEnumerable<(string Name, byte[] Request, bool ExpectOpen)> upgrades) =>
        Parallel.ForEachAsync(upgrades, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (upgrade, _) =>
        {
            using var limit = new CancellationTokenSource(InputLimit);
            try
            {
                var (socket, answer) = await RawWebSocket.ConnectAsync(apps.RiverEndPoint, upgrade.Request, limit.Token);
                figures.CountUpgrade($"ws upgrade {(answer.Status == 0 ? "closed" : answer.Status)}");
                if (socket is not null)
                {
                    await using (socket)
                    {
                        await socket.SendAsync(RawWebSocket.Frame(0x8, [0x03, 0xE8]), limit.Token);
                        await socket.ReadUntilClosedAsync(limit.Token);
                    }
                }
                if ((answer.Status == 101) != upgrade.ExpectOpen) figures.Fail($"upgrade {upgrade.Name}: answered {answer.Status}");
                if (answer.Status != 101) CheckAnswer($"upgrade {upgrade.Name}", TargetApp.River, answer, envelopeExpected: answer.Status != 0);
            }
            catch (OperationCanceledException)
            {
                figures.CountUpgrade("ws upgrade hang");
                figures.Fail($"upgrade {upgrade.Name}: no answer within {InputLimit.TotalSeconds} s");
            }
        });

    /// <summary>Accepted sockets fed with odd-but-valid steps (each must be answered) and a hostile ending.</summary>
    public Task RunPlansAsync(IEnumerable<(WsPlan Plan, string Token)> plans) =>
        Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (item, _) =>
        {
            using var limit = new CancellationTokenSource(InputLimit);
            var (plan, token) = item;
            try
            {
                var upgrade = RawWebSocket.Upgrade($"/socket/websocket?token={Uri.EscapeDataString(token)}&vsn=2.0.0", apps.RiverEndPoint.ToString());
                var (socket, answer) = await RawWebSocket.ConnectAsync(apps.RiverEndPoint, upgrade, limit.Token);
                figures.CountUpgrade($"ws upgrade {answer.Status}");
                if (socket is null)
                {
                    figures.Fail($"plan {plan}: upgrade answered {answer.Status}");
                    return;
                }
                await using (socket)
                {
                    foreach (var step in plan.Prelude)
                    {
                        foreach (var frame in step.Frames) await socket.SendAsync(frame, limit.Token);
                        if (!await AwaitAnswerAsync(socket, step, limit.Token)) figures.Fail($"plan {plan}: step '{step.Name}' not answered");
                    }
                    foreach (var frame in plan.Final) await socket.SendAsync(frame, limit.Token);
                    if (plan.HalfCloseAfterFinal) socket.HalfClose();
                    else await socket.SendAsync(RawWebSocket.Frame(0x8, [0x03, 0xE8]), limit.Token);
                    var code = await socket.ReadUntilClosedAsync(limit.Token);
                    figures.CountFrames(plan.FrameCount, $"ws close {(code == 0 ? "(connection ended)" : code)}");
                    if (code >= 1011 && code < 3000) figures.Fail($"plan {plan}: server closed with {code}");
                }
            }
            catch (OperationCanceledException)
            {
                figures.CountFrames(plan.FrameCount, "ws hang");
                figures.Fail($"plan {plan}: no close within {InputLimit.TotalSeconds} s");
            }
        });

    private static async Task<bool> AwaitAnswerAsync(RawWebSocket socket, WsStep step, CancellationToken cancellationToken)
    {
        var marker = step.ReplyRef is null ? null : Encoding.UTF8.GetBytes($"\"{step.ReplyRef}\"");
        while (await socket.ReceiveAsync(cancellationToken) is { } frame)
        {
            if (step.ExpectPong && frame.Opcode == 0xA) return true;
            if (marker is not null && frame.Opcode == 0x1 && frame.Payload.AsSpan().IndexOf(marker) >= 0) return true;
            if (frame.Opcode == 0x8) return false;
        }
        return false;
    }

    private static string Snippet(RawHttpResponse response) =>
        response.BodyText.Length > 200 ? response.BodyText[..200] + "…" : response.BodyText;

    public static string HostOf(IPEndPoint endPoint) => endPoint.ToString();
}
