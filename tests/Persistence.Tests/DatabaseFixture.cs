namespace GrainMarket.Persistence.Tests;

/// <summary>A migrated schema shared by one test class; its tests keep apart by using keys of their own.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(1);

    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The database fixture has not been initialized.");

    public StoredQueries Queries => new(Database.DataSource);

    public async ValueTask InitializeAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(SetupTimeout);
        _database = await TestDatabase.CreateAsync(migrate: true, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
    }
}
