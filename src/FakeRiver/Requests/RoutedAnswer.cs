using System.Text.Json.Nodes;

namespace FakeRiver.Requests;

/// <summary>An HTTP answer computed by another node (or this one): status code and JSON body.</summary>
internal sealed record RoutedAnswer(int Status, JsonObject Body);
