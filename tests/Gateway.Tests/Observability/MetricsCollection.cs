namespace GrainMarket.Gateway.Tests.Observability;

/// <summary>
/// Tests that read process-wide counters (<c>GrainMarket.Diagnostics.MarketMetrics</c>, which every test silo in this
/// process records into): they run alone, after the parallel tests, so that a difference of two readings is theirs.
/// </summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class MetricsCollection;
