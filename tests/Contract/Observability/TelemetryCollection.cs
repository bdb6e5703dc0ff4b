namespace Contract.Observability;

/// <summary>
/// OpenTelemetry listens process-wide (every ActivitySource and Meter named FakeRiver, in every host of the test
/// process): tests that count spans and counter totals run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}
