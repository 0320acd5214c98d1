using GrainMarket.Persistence.Tests.TransactionalStorage;
using Orleans.TestingHost;

namespace GrainMarket.Persistence.Tests;

/// <summary>
/// Two silos and a client on a schema of their own, shared by the tests of <see cref="ClusterCollection"/>. The silos
/// run in this process on Orleans' in-memory transport (TestCluster's defaults) and find each other only through the
/// AdoNet membership table. It is a <see cref="TestCluster"/> and not an <c>InProcessTestCluster</c> because in 10.4.2
/// <c>InProcessTestClusterBuilder</c> always registers its own in-memory membership table after the test's
/// configuration (its <c>UseTestClusterMembership</c> is internal and set to true), so AdoNet clustering would be
/// configured but never used; <see cref="TestClusterOptions.UseTestClusterMembership"/> is public and turned off here.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(1);

    private TestDatabase? _database;
    private TestCluster? _cluster;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The cluster fixture has not been initialized.");

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster fixture has not been initialized.");

    public IClusterClient Client => Cluster.Client;

    /// <summary>The ClusterId, which the membership tables call DeploymentId.</summary>
    public string ClusterId => Cluster.Options.ClusterId;

    public string ServiceId => Cluster.Options.ServiceId;

    public async ValueTask InitializeAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            _database = await TestDatabase.CreateAsync(migrate: true, timeout.Token);
            await using (var readModel = _database.DataSource.CreateCommand(BalanceProjection.CreateTableSql))
            {
                await readModel.ExecuteNonQueryAsync(timeout.Token);
            }

            var builder = new TestClusterBuilder(2);
            builder.Options.UseTestClusterMembership = false;
            builder.Properties[TestSiloConfiguration.ConnectionStringKey] = _database.ConnectionString;
            builder.AddSiloBuilderConfigurator<SiloConfigurator>();
            builder.AddClientBuilderConfigurator<ClientConfigurator>();
            _cluster = builder.Build();
            await _cluster.DeployAsync(timeout.Token);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            using var timeout = new CancellationTokenSource(StopTimeout);
            await _cluster.StopAllSilosAsync(timeout.Token);
            await _cluster.DisposeAsync();
            _cluster = null;
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
    }
}
