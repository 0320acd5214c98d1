using Orleans.Hosting;
using Orleans.TestingHost;

namespace GrainMarket.Persistence.Tests;

/// <summary>Hands each test silo to <see cref="TestSiloConfiguration.Configure"/> with the connection string the cluster was given.</summary>
public sealed class SiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        ArgumentNullException.ThrowIfNull(siloBuilder);
        var connectionString = siloBuilder.Configuration[TestSiloConfiguration.ConnectionStringKey]
            ?? throw new InvalidOperationException($"The test cluster did not pass '{TestSiloConfiguration.ConnectionStringKey}' to the silo.");
        TestSiloConfiguration.Configure(siloBuilder, connectionString);
    }
}
