namespace GrainMarket.Gateway.Tests.Analytics;

/// <summary>The analytics tests share one seeded <see cref="AnalyticsMarket"/>: its silo and two days of orders are built once.</summary>
[CollectionDefinition(nameof(AnalyticsCollection))]
public sealed class AnalyticsCollection : ICollectionFixture<AnalyticsMarket>;
