using System.Data;
using GrainMarket.ApiGateway.Apis.Analytics;
using GrainMarket.ApiGateway.Apis.Wallets;
using GrainMarket.Auctions;
using GrainMarket.Brands;
using GrainMarket.Catalog;
using GrainMarket.Complaints;
using GrainMarket.Orders;
using GrainMarket.Returns;
using GrainMarket.Wallets;
using Npgsql;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>
/// The admin overview from the read models: orders, the ledger, wallets, withdrawals and the moderation queues, read in
/// one repeatable-read snapshot so that its figures agree with each other (db/0035_analytics.sql adds the indexes its
/// counts use).
/// </summary>
public static class OverviewQueries
{
    private const string Orders = "SELECT status, count(*)::int, coalesce(sum(total), 0)::bigint, coalesce(sum(total - refunded), 0)::bigint FROM orders GROUP BY status";

    private const string PlatformFees = "SELECT coalesce(sum(amount), 0)::bigint FROM ledger_entries WHERE wallet_id = $1 AND type = 'FEE'";

    private const string PlatformWallet = "SELECT coalesce(sum(available), 0)::bigint, coalesce(sum(held), 0)::bigint FROM wallets WHERE wallet_id = $1";

    /// <summary>
    /// Commissions from the promoters' read models (docs/promoters.md), written in the same commits as the ledger entries
    /// they stand for: paid at completions and clawed back by refunds after them (<c>commission_events</c>, a clawback
    /// counted whole even where the promoter's wallet could not cover it), owed on referred orders still open (as expected
    /// when placed), and the promoters' outstanding debt.
    /// </summary>
    private const string Commissions =
        """
        SELECT (count(*) FILTER (WHERE kind = 'paid'))::int, coalesce(sum(amount) FILTER (WHERE kind = 'paid'), 0)::bigint,
               (count(*) FILTER (WHERE kind = 'clawback'))::int, coalesce(sum(amount) FILTER (WHERE kind = 'clawback'), 0)::bigint,
               (SELECT count(*) FROM referred_orders WHERE status <> ALL($1))::int,
               (SELECT coalesce(sum(expected), 0) FROM referred_orders WHERE status <> ALL($1))::bigint,
               (SELECT coalesce(sum(debt), 0) FROM promoter_accounts)::bigint
        FROM commission_events
        """;

    private const string Escrow = "SELECT coalesce(sum(held), 0)::bigint FROM wallets";

    private const string Withdrawals = "SELECT count(*)::int, coalesce(sum(amount), 0)::bigint FROM withdrawals WHERE status = 'pending'";

    private const string Queues =
        """
        SELECT (SELECT count(*) FROM products WHERE status = $1)::int, (SELECT count(*) FROM auctions WHERE status = $2)::int,
               (SELECT count(*) FROM brands WHERE status = $3)::int, (SELECT count(*) FROM returns WHERE status = $4)::int,
               (SELECT count(*) FROM complaints WHERE status = $5)::int, (SELECT count(*) FROM complaints WHERE status = $6)::int
        """;

    /// <summary>The statuses whose orders count in GMV: placed and not cancelled (an unpaid auction order is not yet placed).</summary>
    private static readonly HashSet<string> NotPlaced = [OrderStatuses.AwaitingPayment, OrderStatuses.Cancelled];

    public static async Task<AdminOverviewResponse> OverviewAsync(NpgsqlDataSource dataSource, string currency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Orders));
        batch.BatchCommands.Add(Command(PlatformFees, WalletKeys.Platform));
        batch.BatchCommands.Add(Command(PlatformWallet, WalletKeys.Platform));
        var commissionsCommand = new NpgsqlBatchCommand(Commissions);
        commissionsCommand.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [OrderStatuses.Completed, OrderStatuses.Cancelled] });
        batch.BatchCommands.Add(commissionsCommand);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Escrow));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Withdrawals));
        batch.BatchCommands.Add(Command(Queues, ProductStatus.Pending, AuctionStatuses.PendingApproval, BrandStatuses.Pending, ReturnStatuses.Inspected, ComplaintStatuses.Open, ComplaintStatuses.InReview));

        var byStatus = OrderStatuses.All.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        long gmv = 0, settled = 0;
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var status = reader.GetString(0);
            byStatus[status] = reader.GetInt32(1);
            gmv += NotPlaced.Contains(status) ? 0 : reader.GetInt64(2);
            settled += status == OrderStatuses.Completed ? reader.GetInt64(3) : 0;
        }

        var fees = await ScalarAsync(reader, r => r.GetInt64(0), cancellationToken);
        var platform = await ScalarAsync(reader, r => new WalletResponse(currency, r.GetInt64(0), r.GetInt64(1), r.GetInt64(0) + r.GetInt64(1)), cancellationToken);
        var commissions = await ScalarAsync(reader, r => new CommissionTotals(r.GetInt32(0), r.GetInt64(1), r.GetInt32(2), r.GetInt64(3), r.GetInt32(4), r.GetInt64(5), r.GetInt64(6)), cancellationToken);
        var escrow = await ScalarAsync(reader, r => r.GetInt64(0), cancellationToken);
        var withdrawals = await ScalarAsync(reader, r => new PendingWithdrawals(r.GetInt32(0), r.GetInt64(1), "/api/admin/withdrawals?status=pending"), cancellationToken);
        var queues = await ScalarAsync(
            reader,
            r => new ModerationQueue[]
            {
                new("products-pending", r.GetInt32(0), $"/api/admin/products?status={ProductStatus.Pending}"),
                new("auctions-pending-approval", r.GetInt32(1), $"/api/admin/auctions?status={AuctionStatuses.PendingApproval}"),
                new("brands-pending", r.GetInt32(2), $"/api/admin/brands?status={BrandStatuses.Pending}"),
                new("returns-awaiting-decision", r.GetInt32(3), $"/api/returns?status={ReturnStatuses.Inspected}"),
                new("complaints-open", r.GetInt32(4), $"/api/admin/complaints?status={ComplaintStatuses.Open}"),
                new("complaints-in-review", r.GetInt32(5), $"/api/admin/complaints?status={ComplaintStatuses.InReview}"),
            },
            cancellationToken);
        return new AdminOverviewResponse(currency, gmv, settled, byStatus, fees, platform, commissions, escrow, withdrawals, queues);
    }

    private static NpgsqlBatchCommand Command(string sql, params string[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    /// <summary>The one row of the reader's next result.</summary>
    private static async Task<T> ScalarAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return read(reader);
    }
}
