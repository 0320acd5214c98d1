using GrainMarket.Persistence.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace GrainMarket.Persistence.Tests;

/// <summary>The silos run Orleans transactions with <see cref="TransactionTimings"/>, not Orleans' defaults.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TransactionTimingsTests(ClusterFixture fixture)
{
    [Fact]
    public void Every_silo_uses_GrainMarkets_lock_prepare_and_ping_timeouts_and_Orleans_lock_acquire_timeout()
    {
        Assert.NotEmpty(fixture.Cluster.Silos);
        foreach (var silo in fixture.Cluster.Silos)
        {
            var options = ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<IOptions<TransactionalStateOptions>>().Value;
            Assert.Equal(TimeSpan.FromSeconds(2), options.LockTimeout);
            Assert.Equal(TimeSpan.FromSeconds(5), options.PrepareTimeout);
            Assert.Equal(TimeSpan.FromSeconds(10), options.RemoteTransactionPingFrequency);
            Assert.Equal(TransactionalStateOptions.DefaultLockAcquireTimeout, options.LockAcquireTimeout);
        }
    }
}
