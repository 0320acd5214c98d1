using GrainMarket.Cluster.TestGrains;
using GrainMarket.Common;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Transactions;

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

        // The accounts are spread over the three silos, so that every transfer's participants sit on two of them or more.
        for (var i = 0; i < Accounts; i++)
        {
            await cluster.PlaceOnAsync(cluster.Silos[i % 3], client.GetGrain<IAccountGrain>(accounts[i]), a => Retry(a.GetAsync), Ct);
        }

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
        var stored = await StoredBalancesAsync(cluster, accounts.Select(a => client.GetGrain<IAccountGrain>(a).GetGrainId().ToString()).ToArray());
        Assert.Equal(Accounts, stored.Count);
        Assert.Equal(Funding * Accounts, stored.Sum(b => b.Balance));
    }

    /// <summary>The committed states in GrainMarket's transactional storage (Orleans' binary serialization) of <paramref name="grainIds"/>.</summary>
    private static async Task<List<AccountBalance>> StoredBalancesAsync(TestCluster cluster, string[] grainIds)
    {
        var serializer = cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        await using var command = cluster.Database.CreateCommand(
            "SELECT committed_state FROM orleans_transactional_state WHERE state_name = 'balance' AND grain_id = ANY($1) AND committed_state IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = grainIds });
        var balances = new List<AccountBalance>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            balances.Add(serializer.Deserialize<AccountBalance>(reader.GetFieldValue<byte[]>(0)) ?? throw new InvalidOperationException("An empty committed account state."));
        }

        return balances;
    }

    /// <summary>
    /// Runs a transaction again while Orleans says that is safe (<see cref="TransactionFailures.IsRetryable"/>), or when it
    /// aborted because a call inside it found no answer in time (under load two transfers in opposite directions wait for
    /// each other's lock until a lock timeout breaks them): aborted means nothing of it committed.
    /// </summary>
    private static async Task Retry(Func<Task> attempt)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                await attempt();
                return;
            }
            catch (Exception exception) when ((TransactionFailures.IsRetryable(exception) || exception is OrleansTransactionAbortedException { InnerException: TimeoutException }) && i < 100)
            {
                await Task.Delay(Random.Shared.Next(1, 10 + i), CancellationToken.None);
            }
        }
    }
}
