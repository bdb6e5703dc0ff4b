using FakeRiver.Requests;
using FakeRiver.Workflows;

namespace FakeRiver.Providers;

/// <summary>
/// One attempt's input: the request, the provider to play, the attempt number, the text already sent, and when
/// the attempt started — pacing counts from that instant, so a virtual clock advanced early still lands exactly.
/// </summary>
internal sealed record ProviderCall(RiverRequest Request, ProviderDefinition Definition, int Attempt, string CommittedText, int Seed,
    DateTimeOffset StartedAt);
