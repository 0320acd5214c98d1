using GrainMarket.Gateway.Tests.Support;

[assembly: AssemblyFixture(typeof(MarketplaceFactory))]
