using GrainMarket.ApiGateway.Apis.Wallets;
using GrainMarket.Wallets;
using Npgsql;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>The queries over the wallet read models (<c>wallets</c>, <c>ledger_entries</c>, <c>withdrawals</c>; see db/0005_wallets.sql).</summary>
public static class WalletReadModel
{
    /// <summary>Up to <paramref name="limit"/> entries of a wallet older than <paramref name="before"/> (a sequence), newest first.</summary>
    public static async Task<LedgerPage> LedgerAsync(NpgsqlDataSource dataSource, string walletId, int limit, long? before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            """
            SELECT sequence, type, amount, available, held, reference, at FROM ledger_entries
            WHERE wallet_id = $1 AND ($2::bigint IS NULL OR sequence < $2)
            ORDER BY sequence DESC LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = walletId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<LedgerEntryResponse>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new LedgerEntryResponse(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return items.Count > limit
            ? new LedgerPage(items[..limit], items[limit - 1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : new LedgerPage(items, null);
    }

    /// <summary>Up to <paramref name="limit"/> withdrawals (of <paramref name="status"/> if given) before position <paramref name="before"/>, newest first.</summary>
    public static async Task<WithdrawalPage> WithdrawalsAsync(NpgsqlDataSource dataSource, string? status, int limit, long? before, string currency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            """
            SELECT id, wallet_id, amount, status, requested_at, resolved_at, position FROM withdrawals
            WHERE ($1::text IS NULL OR status = $1) AND ($2::bigint IS NULL OR position < $2)
            ORDER BY position DESC LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<(WithdrawalResponse Item, long Position)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var view = new WithdrawalView(reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));
            items.Add((WithdrawalResponse.From(view, currency), reader.GetInt64(6)));
        }

        var page = items.Take(limit).Select(i => i.Item).ToList();
        return new WithdrawalPage(page, items.Count > limit ? items[limit - 1].Position.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    /// <summary>
    /// The books over every wallet, each read from one statement (so one snapshot). A transaction that moves money between
    /// wallets reaches the read model in two steps: Orleans answers once its manager has stored the commit, and the other
    /// wallets store their confirmation a moment later. A snapshot taken in between is read again (<see cref="Settling"/>), so
    /// <see cref="LedgerSummaryResponse.Conserved"/> is false only when the books stay unbalanced.
    /// </summary>
    public static async Task<LedgerSummaryResponse> SummaryAsync(NpgsqlDataSource dataSource, string currency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return await Settling.ReadAsync(
            async token =>
            {
                await using var connection = await dataSource.OpenConnectionAsync(token);
                return await SnapshotAsync(connection, currency, token);
            },
            summary => summary.Conserved,
            TimeSpan.FromMilliseconds(50),
            TimeProvider.System,
            cancellationToken);
    }

    /// <summary>The books as <paramref name="connection"/> sees them now (in its transaction's snapshot, if it has one).</summary>
    internal static async Task<LedgerSummaryResponse> SnapshotAsync(NpgsqlConnection connection, string currency, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT coalesce(sum(external_in), 0)::bigint, coalesce(sum(external_out), 0)::bigint,
                   coalesce(sum(available + held), 0)::bigint, coalesce(sum(held), 0)::bigint
            FROM wallets
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (externalIn, externalOut, walletsTotal, heldTotal) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        return new LedgerSummaryResponse(currency, externalIn, externalOut, walletsTotal, heldTotal, walletsTotal == externalIn - externalOut);
    }
}
