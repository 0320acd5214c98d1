using GrainMarket.Cluster.TestGrains;
using GrainMarket.Runtime;
using Npgsql;

namespace GrainMarket.Cluster.Tests;

/// <summary>Transactions whose coordinator and participants live on different silo processes.</summary>
public sealed class TransactionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Transfers_between_accounts_on_different_silos_conserve_the_total_exactly()
    {
        const int Accounts = 12;
        const long Funding = 1_000;
        await using var cluster = await TestCluster.StartAsync(silos: 3, Ct);
        var client = cluster.Client;
        var accounts = Enumerable.Range(0, Accounts).Select(_ => $"account-{Guid.NewGuid():N}").ToArray();
        Assert.True(accounts.Select(a => client.Membership.OwnerOf(new GrainId("account", a))!.SiloId).Distinct().Count() >= 2);
        foreach (var account in accounts)
        {
            await Retry(() => client.GetGrain<ITransferGrain>(Guid.NewGuid().ToString("N")).FundAsync(account, Funding));
        }

        var committed = 0;
        var declined = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            for (var i = 0; i < 120; i++)
            {
                var from = random.Next(Accounts);
                var to = (from + 1 + random.Next(Accounts - 1)) % Accounts;
                var transfers = client.GetGrain<ITransferGrain>($"coordinator-{random.Next(20)}");
                var done = false;
                await Retry(async () => done = await transfers.TransferAsync(accounts[from], accounts[to], random.Next(1, 300)));
                Interlocked.Increment(ref done ? ref committed : ref declined);
            }
        }, Ct))).WaitAsync(TimeSpan.FromMinutes(5), Ct);

        var balances = new List<AccountSnapshot>();
        foreach (var account in accounts)
        {
            AccountSnapshot? snapshot = null;
            await Retry(async () => snapshot = await client.GetGrain<IAccountGrain>(account).GetAsync());
            balances.Add(snapshot!);
        }

        Assert.Equal(Funding * Accounts, balances.Sum(b => b.Balance));
        Assert.All(balances, b => Assert.True(b.Balance >= 0));
        Assert.True(committed > 100, $"only {committed} transfers committed ({declined} declined)");
        Assert.Equal((2L * committed) + Accounts, balances.Sum(b => b.Entries));

        // The engine of record agrees: the rows in PostgreSQL hold the same money, not just the activations' memory.
        await using var dataSource = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT coalesce(sum((state->>'balance')::bigint), 0), count(*) FROM grain_state WHERE grain_type = 'account' AND state_name = 'balance' AND grain_key = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = accounts });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal(Funding * Accounts, reader.GetInt64(0));
        Assert.Equal(Accounts, reader.GetInt64(1));
    }

    private static async Task Retry(Func<Task> attempt)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                await attempt();
                return;
            }
            catch (TransactionAbortedException) when (i < 100)
            {
                await Task.Delay(Random.Shared.Next(1, 10 + i), CancellationToken.None);
            }
        }
    }
}
