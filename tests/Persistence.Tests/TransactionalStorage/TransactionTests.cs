using GrainMarket.Persistence.Tests.Grains;
using Npgsql;
using Orleans.Transactions;

namespace GrainMarket.Persistence.Tests.TransactionalStorage;

/// <summary>Orleans transactions on two silos whose transactional state lives in GrainMarket's PostgreSQL storage.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TransactionTests(ClusterFixture fixture)
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_transfer_commits_both_accounts_and_their_read_models()
    {
        var (from, to) = (NewAccount(), NewAccount());
        await Account(from).DepositAsync(100);

        await Transfers.TransferAsync(from, to, 30);

        Assert.Equal((70L, 30L), (await Account(from).GetBalanceAsync(), await Account(to).GetBalanceAsync()));
        await WaitForReadModelsAsync(new() { [from] = 70, [to] = 30 });
    }

    [Fact]
    public async Task An_aborted_transfer_changes_no_state_and_no_read_model()
    {
        var (from, to) = (NewAccount(), NewAccount());
        await Account(from).DepositAsync(20);
        await Account(to).DepositAsync(5);
        await WaitForReadModelsAsync(new() { [from] = 20, [to] = 5 });

        var aborted = await Assert.ThrowsAsync<OrleansTransactionAbortedException>(() => Transfers.TransferAsync(from, to, 50));

        Assert.IsType<InvalidOperationException>(aborted.InnerException);
        Assert.Equal((20L, 5L), (await Account(from).GetBalanceAsync(), await Account(to).GetBalanceAsync()));
        await WaitForReadModelsAsync(new() { [from] = 20, [to] = 5 });
    }

    [Fact]
    public async Task Concurrent_transfers_conserve_the_total_in_grains_and_read_models()
    {
        const int Accounts = 4;
        const long Funding = 1_000;
        var accounts = Enumerable.Range(0, Accounts).Select(_ => NewAccount()).ToArray();
        await Task.WhenAll(accounts.Select(account => Account(account).DepositAsync(Funding)));
        var random = new Random(15);
        var transfers = Enumerable.Range(0, 60)
            .Select(_ => (From: accounts[random.Next(Accounts)], To: accounts[random.Next(Accounts)], Amount: random.Next(1, 60)))
            .Where(transfer => transfer.From != transfer.To)
            .ToArray();

        var committed = await Task.WhenAll(transfers.Select(transfer => TransferWithRetriesAsync(transfer.From, transfer.To, transfer.Amount)));

        var balances = new Dictionary<string, long>();
        foreach (var account in accounts)
        {
            balances[account] = await Account(account).GetBalanceAsync();
        }

        Assert.Equal(Accounts * Funding, balances.Values.Sum());
        var expected = accounts.ToDictionary(account => account, _ => Funding);
        foreach (var (transfer, done) in transfers.Zip(committed))
        {
            if (done)
            {
                expected[transfer.From] -= transfer.Amount;
                expected[transfer.To] += transfer.Amount;
            }
        }

        Assert.Equal(expected, balances);
        await WaitForReadModelsAsync(balances);
    }

    private static string NewAccount() => $"acct-{Guid.NewGuid():N}";

    private IAccountGrain Account(string id) => fixture.Client.GetGrain<IAccountGrain>(id);

    private ITransferGrain Transfers => fixture.Client.GetGrain<ITransferGrain>(0);

    /// <summary>Retries a transfer that lost a lock race (a transient abort) a bounded number of times.</summary>
    private async Task<bool> TransferWithRetriesAsync(string from, string to, long amount)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Transfers.TransferAsync(from, to, amount);
                return true;
            }
            catch (OrleansTransactionAbortedException abort) when (abort.InnerException is InvalidOperationException)
            {
                return false;
            }
            catch (OrleansTransactionException) when (attempt < 20)
            {
                await Task.Delay(Random.Shared.Next(5, 50), Ct);
            }
        }
    }

    /// <summary>
    /// A participant's commit reaches storage when Orleans confirms it, shortly after the transaction returns,
    /// so the read model is awaited (bounded) rather than read once.
    /// </summary>
    private async Task WaitForReadModelsAsync(Dictionary<string, long> expected)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(SettleTimeout);
        Dictionary<string, long> seen = [];
        try
        {
            while (true)
            {
                seen = await ReadModelAsync(expected.Keys, timeout.Token);
                if (seen.Count == expected.Count && expected.All(pair => seen.TryGetValue(pair.Key, out var amount) && amount == pair.Value))
                {
                    return;
                }

                await Task.Delay(50, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail($"Read models did not settle within {SettleTimeout}: expected {Show(expected)}, saw {Show(seen)}");
        }
    }

    private async Task<Dictionary<string, long>> ReadModelAsync(IEnumerable<string> accounts, CancellationToken cancellationToken)
    {
        await using var command = fixture.Database.DataSource.CreateCommand("SELECT grain_id, amount FROM test_balances WHERE grain_id = ANY($1)");
        var byGrainId = accounts.ToDictionary(account => GrainId.Create("gm-tests-account", account).ToString());
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. byGrainId.Keys] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<string, long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[byGrainId[reader.GetString(0)]] = reader.GetInt64(1);
        }

        return rows;
    }

    private static string Show(Dictionary<string, long> amounts) => string.Join(", ", amounts.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}={pair.Value}"));
}
