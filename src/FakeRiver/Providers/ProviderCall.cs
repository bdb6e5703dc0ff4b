using FakeRiver.Requests;
using FakeRiver.Workflows;

namespace FakeRiver.Providers;

/// <summary>One attempt's input: the request, the provider to play, the attempt number and the text already sent.</summary>
public sealed record ProviderCall(RiverRequest Request, ProviderDefinition Definition, int Attempt, string CommittedText, int Seed);
