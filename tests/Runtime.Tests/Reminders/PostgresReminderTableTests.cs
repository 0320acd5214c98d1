using GrainMarket.Runtime.Reminders;
using Npgsql;
using Xunit;

namespace GrainMarket.Runtime.Tests.Reminders;

/// <summary>
/// Runs the reminder table contract against PostgreSQL. A claim sees every row of the table, so each test gets a
/// freshly migrated schema of its own: its claims can neither take nor lose rows to other tests running in parallel.
/// </summary>
public sealed class PostgresReminderTableTests : ReminderTableTests, IAsyncDisposable
{
    private string? _schema;

    private NpgsqlDataSource? _dataSource;

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_schema is not null)
        {
            await TestDatabase.DropSchemaAsync(_schema, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task A_claim_skips_a_reminder_another_transaction_holds_locked_instead_of_waiting()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var table = await CreateTableAsync(ct);
        var type = $"reminder-test-{Guid.NewGuid():N}";
        var locked = await table.UpsertAsync(GrainId.Create(type, "locked"), "tick", now.AddMinutes(-2), null, ct);
        var free = await table.UpsertAsync(GrainId.Create(type, "free"), "tick", now.AddMinutes(-1), null, ct);

        // Another silo's claim in flight: it holds the row lock until its transaction ends.
        await using var connection = await _dataSource!.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM reminders WHERE grain_type = @type AND grain_key = 'locked' FOR UPDATE", connection, transaction))
        {
            lockRow.Parameters.Add(new NpgsqlParameter<string>("type", type));
            await lockRow.ExecuteNonQueryAsync(ct);
        }

        var claimed = await table.ClaimDueAsync("silo-a", now, now, now.AddMinutes(1), 10, ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
        await transaction.RollbackAsync(ct);
        var afterRelease = await table.ClaimDueAsync("silo-b", now, now, now.AddMinutes(1), 10, ct).WaitAsync(TimeSpan.FromSeconds(10), ct);

        Assert.Equal([free], claimed);
        Assert.Equal([locked], afterRelease);
    }

    protected override async Task<IReminderTable> CreateTableAsync(CancellationToken cancellationToken)
    {
        // Remember the schema only once it exists, so a skipped or failed setup leaves nothing for DisposeAsync to drop.
        var schema = TestDatabase.NewSchemaName();
        _dataSource = await TestDatabase.CreateSchemaAsync(schema, migrate: true, cancellationToken);
        _schema = schema;
        return new PostgresReminderTable(_dataSource);
    }
}
