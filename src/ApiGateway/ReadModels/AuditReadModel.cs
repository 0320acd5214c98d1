using System.Data;
using GrainMarket.Ads;
using GrainMarket.ApiGateway.Apis.Audit;
using GrainMarket.Auctions;
using GrainMarket.Orders;
using GrainMarket.Wallets;
using Npgsql;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>
/// The conservation audit over the read models (<c>wallets</c>, <c>ledger_entries</c>, <c>withdrawals</c>,
/// <c>orders</c>, <c>order_lines</c>, <c>product_stock</c>, <c>auctions</c>, <c>ad_opportunities</c>): the money and stock checks the chaos run
/// makes, in one place, answered each with its totals and the first <see cref="DetailsKept"/> rows that differ.
/// </summary>
/// <remarks>
/// <para>
/// Every check reads one <c>REPEATABLE READ</c> snapshot (the ledger summary and one statement for the rest), so the
/// checks never compare rows from different moments. Read models follow Orleans' commit protocol: a transaction's
/// manager stores the commit (and its read-model rows) and answers, and the other participants store theirs a few
/// milliseconds later (docs/orleans-postgresql.md). A snapshot taken in between sees, say, a buyer's hold without the
/// order that owns it. Such a snapshot is taken again after a short pause, for up to <see cref="Settling.Time"/>, as
/// <see cref="WalletReadModel.SummaryAsync"/> does: a "no" is an imbalance that outlived the settle time.
/// </para>
/// <para>
/// Rows still pending confirmation are not left out instead: which read-model rows a pending transaction will change is
/// in the grains' serialized state only, and leaving out a whole wallet or product would hide exactly the rows to check.
/// Under constant load a snapshot may never balance within the settle time; the audit is meant for a quiet moment (as
/// after the chaos run's quiet period) or to be asked again.
/// </para>
/// <para>
/// A wallet's row and its ledger entries are written in one statement batch, so <see cref="LedgerBalances"/> holds in
/// every snapshot; the others compare rows of different grains and are the ones the settle time is for.
/// </para>
/// </remarks>
public static class AuditReadModel
{
    /// <summary>Each wallet's available and held equal what its ledger entries add up to.</summary>
    public const string LedgerBalances = "ledger-balances";

    /// <summary>All wallets (the platform's included) hold what came in from outside less what went out.</summary>
    public const string MoneyConserved = "money-conserved";

    /// <summary>Each wallet's held money is owed to its live orders, pending withdrawals, running auctions and open ad opportunities.</summary>
    public const string EscrowOwned = "escrow-owned";

    /// <summary>Each product's received units are available, reserved, sold or written off.</summary>
    public const string StockConserved = "stock-conserved";

    /// <summary>Each product's reserved units are the lines of its live orders.</summary>
    public const string StockReserved = "stock-reserved";

    /// <summary>Each product's sold units are the lines of its completed orders.</summary>
    public const string StockSold = "stock-sold";

    /// <summary>How many differing rows each check names; <see cref="AuditCheck.Offenders"/> counts them all.</summary>
    public const int DetailsKept = 20;

    private static readonly (string Name, string Description)[] Checks =
    [
        (LedgerBalances, "Each wallet's available and held balances equal the sums of its ledger entries (credits and releases add to available, holds move available to held, captures and withdrawals leave held)."),
        (MoneyConserved, "All wallets together, the platform's included, hold exactly the money that came in from outside (TOPUP, ADJUSTMENT) less what was withdrawn."),
        (EscrowOwned, "Each wallet's held money is owed to its live orders (placed to delivered; their total less refunds before settlement), its pending withdrawals, the running or unsettled auctions it bids in and the unspent budgets of its open ad opportunities."),
        (StockConserved, "Each product's received units are available, reserved, sold or written off, and none is available below zero."),
        (StockReserved, "Each product's reserved units are the lines of its live checkout orders (placed to delivered, and card checkouts awaiting payment), less the units refunded returns took back."),
        (StockSold, "Each product's sold units are the lines of its completed checkout orders, less the units refunded returns took back."),
    ];

    private static readonly string[] LiveOrderStatuses = [.. OrderStatuses.Live];

    /// <summary>
    /// Every compared row: (check, subject, quantity, expected, actual, valid, note). $1 live order statuses, $2 the
    /// ledger's credit types. An auction's holds (reference <c>auction:&lt;id&gt;</c>) are owned by the auction while it
    /// runs, and after a sale until the winner's order exists; from then on the order's total owns the winner's hold.
    /// </summary>
    private static readonly string ComparedRows = $$"""
        ledger AS (
            SELECT wallet_id,
                   sum(CASE WHEN type = ANY($2) OR type = '{{LedgerEntryTypes.Release}}' THEN amount
                            WHEN type = '{{LedgerEntryTypes.Hold}}' THEN -amount ELSE 0 END)::bigint AS available,
                   sum(CASE WHEN type = '{{LedgerEntryTypes.Hold}}' THEN amount
                            WHEN type IN ('{{LedgerEntryTypes.Release}}', '{{LedgerEntryTypes.Capture}}', '{{LedgerEntryTypes.Withdrawal}}') THEN -amount ELSE 0 END)::bigint AS held
            FROM ledger_entries GROUP BY wallet_id),
        books AS (
            SELECT coalesce(w.wallet_id, l.wallet_id) AS wallet_id, coalesce(w.available, 0) AS available, coalesce(w.held, 0) AS held,
                   coalesce(l.available, 0) AS ledger_available, coalesce(l.held, 0) AS ledger_held
            FROM wallets w FULL JOIN ledger l ON l.wallet_id = w.wallet_id),
        owed AS (
            SELECT buyer_id::text AS wallet_id, 'orders' AS owner, total - refunded AS amount FROM orders WHERE status = ANY($1)
            UNION ALL
            SELECT wallet_id, 'withdrawals', amount FROM withdrawals WHERE status = '{{WithdrawalStatuses.Pending}}'
            UNION ALL
            SELECT e.wallet_id, 'auctions', CASE WHEN e.type = '{{LedgerEntryTypes.Hold}}' THEN e.amount ELSE -e.amount END
            FROM auctions a JOIN ledger_entries e ON e.reference = 'auction:' || replace(a.id::text, '-', '')
            WHERE e.type IN ('{{LedgerEntryTypes.Hold}}', '{{LedgerEntryTypes.Release}}', '{{LedgerEntryTypes.Capture}}')
              AND (a.status = '{{AuctionStatuses.Live}}'
                   OR (a.status = '{{AuctionStatuses.Closed}}' AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.auction_id = a.id)))
            UNION ALL
            SELECT seller_id::text, 'ads', escrow FROM ad_opportunities WHERE status = '{{AdOpportunityStatuses.Open}}'),
        owed_by_wallet AS (
            SELECT wallet_id, sum(amount)::bigint AS amount,
                   coalesce(sum(amount) FILTER (WHERE owner = 'orders'), 0)::bigint AS orders,
                   coalesce(sum(amount) FILTER (WHERE owner = 'withdrawals'), 0)::bigint AS withdrawals,
                   coalesce(sum(amount) FILTER (WHERE owner = 'auctions'), 0)::bigint AS auctions,
                   coalesce(sum(amount) FILTER (WHERE owner = 'ads'), 0)::bigint AS ads
            FROM owed GROUP BY wallet_id),
        lines AS (
            SELECT l.product_id,
                   coalesce(sum(l.quantity - l.returned) FILTER (WHERE o.status = ANY($1) OR o.status = '{{OrderStatuses.AwaitingPayment}}'), 0)::bigint AS live,
                   coalesce(sum(l.quantity - l.returned) FILTER (WHERE o.status = '{{OrderStatuses.Completed}}'), 0)::bigint AS completed
            FROM order_lines l JOIN orders o ON o.id = l.order_id
            WHERE o.auction_id IS NULL
            GROUP BY l.product_id),
        stock AS (
            SELECT coalesce(s.product_id, l.product_id)::text AS product_id, coalesce(s.received, 0) AS received,
                   coalesce(s.available, 0) AS available, coalesce(s.reserved, 0) AS reserved, coalesce(s.sold, 0) AS sold,
                   coalesce(s.written_off, 0) AS written_off, coalesce(l.live, 0) AS live, coalesce(l.completed, 0) AS completed
            FROM product_stock s FULL JOIN lines l ON l.product_id = s.product_id),
        compared AS (
            SELECT '{{LedgerBalances}}' AS check_name, wallet_id AS subject, 'available' AS quantity, ledger_available AS expected,
                   available AS actual, true AS valid, NULL::text AS note FROM books
            UNION ALL
            SELECT '{{LedgerBalances}}', wallet_id, 'held', ledger_held, held, true, NULL FROM books
            UNION ALL
            SELECT '{{EscrowOwned}}', coalesce(w.wallet_id, o.wallet_id), 'held', coalesce(o.amount, 0), coalesce(w.held, 0), true,
                   format('live orders %s, pending withdrawals %s, auctions %s, ad escrow %s', coalesce(o.orders, 0), coalesce(o.withdrawals, 0), coalesce(o.auctions, 0), coalesce(o.ads, 0))
            FROM wallets w FULL JOIN owed_by_wallet o ON o.wallet_id = w.wallet_id
            UNION ALL
            SELECT '{{StockConserved}}', product_id, 'received', received, available + reserved + sold + written_off, available >= 0,
                   format('available %s, reserved %s, sold %s, written off %s', available, reserved, sold, written_off) FROM stock
            UNION ALL
            SELECT '{{StockReserved}}', product_id, 'reserved', live, reserved, true, NULL FROM stock
            UNION ALL
            SELECT '{{StockSold}}', product_id, 'sold', completed, sold, true, NULL FROM stock)
        """;

    /// <summary>Per check: its totals and offender count, then up to <see cref="DetailsKept"/> offenders (none: one row with null subject).</summary>
    private static readonly string AuditSql = $"""
        WITH {ComparedRows},
        totals AS (
            SELECT check_name, sum(expected)::bigint AS expected, sum(actual)::bigint AS actual,
                   count(*) FILTER (WHERE expected <> actual OR NOT valid) AS offenders
            FROM compared GROUP BY check_name),
        offenders AS (
            SELECT *, row_number() OVER (PARTITION BY check_name ORDER BY subject, quantity) AS n
            FROM compared WHERE expected <> actual OR NOT valid)
        SELECT t.check_name, t.expected, t.actual, t.offenders, o.subject, o.quantity, o.expected, o.actual, o.note
        FROM totals t LEFT JOIN offenders o ON o.check_name = t.check_name AND o.n <= {DetailsKept}
        ORDER BY t.check_name, o.n
        """;

    /// <summary>
    /// Audits the live database, reading it again while a snapshot does not balance, for up to <see cref="Settling.Time"/>
    /// (see the remarks of <see cref="AuditReadModel"/>): <see cref="AuditResponse.Consistent"/> is false only when an
    /// imbalance outlives it.
    /// </summary>
    public static async Task<AuditResponse> AuditAsync(NpgsqlDataSource dataSource, string currency, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(time);

        // A longer pause than the ledger summary's: a snapshot here reads every ledger entry, and confirmations take milliseconds.
        return await Settling.ReadAsync(
            token => SnapshotAsync(dataSource, currency, time, token),
            audit => audit.Consistent,
            TimeSpan.FromMilliseconds(200),
            time,
            cancellationToken);
    }

    private static async Task<AuditResponse> SnapshotAsync(NpgsqlDataSource dataSource, string currency, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection))
        {
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
        }

        var checkedAt = time.GetUtcNow();
        var books = await WalletReadModel.SnapshotAsync(connection, currency, cancellationToken);
        var found = new Dictionary<string, (long Expected, long Actual, long Offenders, List<AuditDifference> Details)>(StringComparer.Ordinal);
        var owed = books.ExternalIn - books.ExternalOut;
        found[MoneyConserved] = (owed, books.WalletsTotal, books.Conserved ? 0 : 1, []);
        if (!books.Conserved)
        {
            found[MoneyConserved].Details.Add(new AuditDifference("all wallets", "balance", owed, books.WalletsTotal, books.WalletsTotal - owed, $"external in {books.ExternalIn}, external out {books.ExternalOut}"));
        }

        await using (var command = new NpgsqlCommand(AuditSql, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = LiveOrderStatuses });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. LedgerEntryTypes.External, .. LedgerEntryTypes.Internal] });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var name = reader.GetString(0);
                if (!found.TryGetValue(name, out var check))
                {
                    check = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), []);
                    found[name] = check;
                }

                if (!reader.IsDBNull(4))
                {
                    var (expected, actual) = (reader.GetInt64(6), reader.GetInt64(7));
                    check.Details.Add(new AuditDifference(reader.GetString(4), reader.GetString(5), expected, actual, actual - expected, reader.IsDBNull(8) ? null : reader.GetString(8)));
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        var checks = Checks.Select(c =>
        {
            // A check over no rows at all (no wallets, no stock yet) has nothing that could differ.
            var (expected, actual, offenders, details) = found.TryGetValue(c.Name, out var check) ? check : (0, 0, 0, []);
            return new AuditCheck(c.Name, offenders == 0, c.Description, expected, actual, actual - expected, offenders, details);
        }).ToList();
        return new AuditResponse(checks.TrueForAll(c => c.Passed), checkedAt, books, checks);
    }
}
