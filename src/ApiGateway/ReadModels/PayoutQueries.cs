using GrainMarket.ApiGateway.Apis.Payouts;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>The settlement transfers' outbox (<c>payout_transfers</c>): the admin's list, and the due transfers a sender claims.</summary>
public static class PayoutQueries
{
    public static async Task<PayoutTransferPage> ListAsync(NpgsqlDataSource dataSource, string? status, int limit, long? before, string currency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            """
            SELECT key, order_id, seller_id, provider, account_id, amount, status, transfer_id, attempts, last_error, next_attempt_at, created_at, sent_at, position
            FROM payout_transfers
            WHERE ($1::text IS NULL OR status = $1) AND ($2::bigint IS NULL OR position < $2)
            ORDER BY position DESC LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<(PayoutTransferResponse Item, long Position)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add((new PayoutTransferResponse(
                reader.GetString(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5), currency, reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt32(8), reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.GetFieldValue<DateTimeOffset>(10), reader.GetFieldValue<DateTimeOffset>(11), reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12)), reader.GetInt64(13)));
        }

        var page = items.Take(limit).Select(i => i.Item).ToList();
        return new PayoutTransferPage(page, items.Count > limit ? items[limit - 1].Position.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> pending transfers due at <paramref name="now"/> that no sender holds, for
    /// <paramref name="claim"/>, in one short statement: <c>FOR UPDATE SKIP LOCKED</c> keeps two gateways from claiming
    /// the same row, and the claim keeps others off it while this one sends it. A claim that outlives its sender (a
    /// crash) expires, and the next sender repeats the call under the same idempotency key.
    /// </summary>
    public static async Task<IReadOnlyList<DueTransfer>> ClaimDueAsync(NpgsqlDataSource dataSource, DateTimeOffset now, TimeSpan claim, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            """
            UPDATE payout_transfers SET claimed_until = $1 + $2
            WHERE key IN (
                SELECT key FROM payout_transfers
                WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
                ORDER BY next_attempt_at LIMIT $3
                FOR UPDATE SKIP LOCKED)
            RETURNING key, order_id, seller_id, provider, account_id, amount, attempts, refusals
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = claim, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var due = new List<DueTransfer>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new DueTransfer(reader.GetString(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5), reader.GetInt32(6), reader.GetInt32(7)));
        }

        return due;
    }

    /// <summary>Gives up a sender's claim on <paramref name="key"/> once the transfer's outcome is recorded, so that a refused one is tried again at its next attempt (not when the claim would have run out).</summary>
    public static async Task ReleaseAsync(NpgsqlDataSource dataSource, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand("UPDATE payout_transfers SET claimed_until = NULL WHERE key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
