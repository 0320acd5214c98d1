using GrainMarket.Persistence.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace GrainMarket.Persistence.Tests;

/// <summary>The silos run Orleans transactions with <see cref="TransactionTimings"/>: a 10 s remote ping, Orleans' other timeouts.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TransactionTimingsTests(ClusterFixture fixture)
{
    [Fact]
    public void Every_silo_pings_after_10_s_and_keeps_Orleans_lock_prepare_and_lock_acquire_timeouts()
    {
        Assert.NotEmpty(fixture.Cluster.Silos);
        foreach (var silo in fixture.Cluster.Silos)
        {
            var options = ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<IOptions<TransactionalStateOptions>>().Value;
            Assert.Equal(TransactionalStateOptions.DefaultLockTimeout, options.LockTimeout);
            Assert.Equal(TransactionalStateOptions.DefaultPrepareTimeout, options.PrepareTimeout);
            Assert.Equal(TimeSpan.FromSeconds(10), options.RemoteTransactionPingFrequency);
            Assert.Equal(TransactionalStateOptions.DefaultLockAcquireTimeout, options.LockAcquireTimeout);
        }
    }
}
