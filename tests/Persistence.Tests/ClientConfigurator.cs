using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace GrainMarket.Persistence.Tests;

/// <summary>The test client finds its gateways the way a real one does: through the AdoNet membership table.</summary>
public sealed class ClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(clientBuilder);
        var connectionString = configuration[TestSiloConfiguration.ConnectionStringKey]
            ?? throw new InvalidOperationException($"The test cluster did not pass '{TestSiloConfiguration.ConnectionStringKey}' to the client.");
        clientBuilder.UseAdoNetClustering(options =>
        {
            options.Invariant = TestSiloConfiguration.Invariant;
            options.ConnectionString = connectionString;
        });
    }
}
