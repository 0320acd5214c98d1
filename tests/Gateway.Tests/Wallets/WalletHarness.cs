using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Wallets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace GrainMarket.Gateway.Tests.Wallets;

/// <summary>Grain-level access to wallets of the shared silo, and to their read models, for tests that use keys of their own.</summary>
public sealed class WalletHarness(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    private NpgsqlDataSource DataSource => factory.Services.GetRequiredService<ReadModelDatabase>().DataSource;

    /// <summary>A wallet key no other test uses.</summary>
    public static string NewKey() => $"test-{Guid.NewGuid():N}";

    public IWalletGrain Wallet(string key) => Grains.GetGrain<IWalletGrain>(key);

    /// <summary>Calls a method that creates its own transaction, retrying it when it aborts (a reminder may hold the wallet).</summary>
    public static Task<T> RunAsync<T>(Func<Task<T>> call) => TransactionRetry.RunAsync(call, Ct);

    /// <summary>Funds a wallet from outside (TOPUP), which keeps the books balanced.</summary>
    public Task<Common.Result<LedgerEntry>> TopUpAsync(string key, long amount) =>
        RunAsync(() => Wallet(key).CreditAsync($"topup:{Guid.NewGuid():N}", LedgerEntryTypes.Topup, amount, "test top-up"));

    /// <summary>A wallet's balance row (a read model), once the wallet has confirmed every transaction.</summary>
    public async Task<WalletRow?> RowAsync(string key)
    {
        await Confirmations.WalletAsync(factory, key);
        await using var command = DataSource.CreateCommand("SELECT available, held, external_in, external_out FROM wallets WHERE wallet_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        return await reader.ReadAsync(Ct) ? new WalletRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)) : null;
    }

    /// <summary>A wallet's ledger read model, oldest first, once the wallet has confirmed every transaction.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> LedgerAsync(string key)
    {
        await Confirmations.WalletAsync(factory, key);
        await using var command = DataSource.CreateCommand(
            "SELECT sequence, operation_id, type, amount, available, held, reference, at FROM ledger_entries WHERE wallet_id = $1 ORDER BY sequence");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var entries = new List<LedgerEntry>();
        while (await reader.ReadAsync(Ct))
        {
            entries.Add(new LedgerEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return entries;
    }

    /// <summary>The books of <paramref name="keys"/> only, from one statement once each wallet has confirmed every transaction: (external in, external out, total balance).</summary>
    public async Task<(long ExternalIn, long ExternalOut, long Total)> BooksAsync(IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            await Confirmations.WalletAsync(factory, key);
        }

        await using var command = DataSource.CreateCommand(
            "SELECT coalesce(sum(external_in), 0)::bigint, coalesce(sum(external_out), 0)::bigint, coalesce(sum(available + held), 0)::bigint FROM wallets WHERE wallet_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
