using GrainMarket.Orders;
using GrainMarket.Persistence.PostgreSql;
using GrainMarket.Promotions;
using GrainMarket.Returns;
using Npgsql;
using Orleans.Runtime;

namespace GrainMarket.Gateway.Tests.Analytics;

/// <summary>
/// The order projection's analytics statements run against a migrated schema of their own, each transition projected
/// again as a store sent twice would: the rollups hold each transition's increments exactly once.
/// </summary>
public sealed class AnalyticsProjectionTests
{
    private static readonly OrderProjection Projection = new(new OrderSettings(200, TimeSpan.FromDays(3)));

    /// <summary>10:00 UTC of one day: every step below happens within it.</summary>
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_transition_projected_again_adds_nothing() => await InSchemaAsync(async database =>
    {
        var (orderId, sellerId, buyerId, productId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var line = new OrderLine(productId, sellerId, "Lamp", 1_000, 2);
        var placed = Placed(buyerId, line);
        var completed = Copy(placed, OrderStatuses.Completed, new OrderEvent(OrderStatuses.Completed, buyerId, At.AddHours(1)));
        var refunded = Copy(completed, OrderStatuses.Completed);
        refunded.Returns[Guid.NewGuid()] = new OrderReturnRecord { Lines = [line with { Quantity = 1 }], Outcome = ReturnOutcomes.Refund, ResolvedAt = At.AddHours(2) };

        // Each store twice, then all three transitions again in one store (Orleans confirming them together).
        foreach (var (previous, state) in new[] { (null, placed), (placed, completed), (completed, refunded) })
        {
            await ProjectAsync(database, orderId, previous, state);
            await ProjectAsync(database, orderId, previous, state);
        }

        await ProjectAsync(database, orderId, null, refunded);

        // Placed and completed once: 2 units, 20.00 of revenue, a 2% fee of 0.40 less the 0.20 given back for the refund.
        Assert.Equal([(1, 0, 1, 2, 2_000L, 20L, 1_000L, 1)], await SellerDaysAsync(database, sellerId));
        Assert.Equal(
            [(productId, 1, 2, 2_000L, 1_000L, 1)],
            await RowsAsync(database, "SELECT product_id, placed, units, revenue, refunds, refunded_units FROM seller_product_daily WHERE seller_id = $1", sellerId,
                r => (r.GetGuid(0), r.GetInt32(1), r.GetInt32(2), r.GetInt64(3), r.GetInt64(4), r.GetInt32(5))));
        Assert.Equal([(buyerId, 1)], await RowsAsync(database, "SELECT buyer_id, orders FROM seller_buyer_daily WHERE seller_id = $1", sellerId, r => (r.GetGuid(0), r.GetInt32(1))));
        Assert.Equal(3, (await RowsAsync(database, "SELECT transition FROM analytics_transitions WHERE order_id = $1", orderId, r => r.GetString(0))).Count);
    });

    [Fact]
    public async Task A_refund_before_settlement_lowers_the_fee_charged_and_a_platform_coupon_counts_at_its_value_before_the_coupon() => await InSchemaAsync(async database =>
    {
        var (orderId, sellerId, buyerId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        // 2 × 10.00 with a platform-funded coupon's 2.00 on the line: the buyer pays 18.00, the seller is paid on 20.00.
        var line = new OrderLine(Guid.NewGuid(), sellerId, "Lamp", 1_000, 2, CouponShare: 200);
        var placed = Placed(buyerId, line);
        placed.Coupon = new OrderCoupon("SAVE", 200, CouponFunding.Platform, null);
        var refunded = Copy(placed, OrderStatuses.Delivered);
        refunded.Returns[Guid.NewGuid()] = new OrderReturnRecord { Lines = [line with { Quantity = 1, CouponShare = 100 }], Outcome = ReturnOutcomes.Refund, ResolvedAt = At.AddHours(1) };
        var completed = Copy(refunded, OrderStatuses.Completed, new OrderEvent(OrderStatuses.Completed, buyerId, At.AddHours(2)));
        foreach (var (previous, state) in new[] { (null, placed), (placed, refunded), (refunded, completed) })
        {
            await ProjectAsync(database, orderId, previous, state);
        }

        // Revenue is what the buyer paid for the lines (18.00), the refund what it paid back (9.00), and the fee settlement
        // charged is 2% of the 10.00 left to settle at its value before the coupon.
        Assert.Equal([(1, 0, 1, 2, 1_800L, 20L, 900L, 1)], await SellerDaysAsync(database, sellerId));
    });

    [Fact]
    public async Task A_cancelled_order_counts_as_placed_and_cancelled_only() => await InSchemaAsync(async database =>
    {
        var (orderId, sellerId, buyerId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var placed = Placed(buyerId, new OrderLine(Guid.NewGuid(), sellerId, "Lamp", 1_000, 2));
        await ProjectAsync(database, orderId, null, placed);
        await ProjectAsync(database, orderId, placed, Copy(placed, OrderStatuses.Cancelled, new OrderEvent(OrderStatuses.Cancelled, buyerId, At.AddHours(1))));
        Assert.Equal([(1, 1, 0, 0, 0L, 0L, 0L, 0)], await SellerDaysAsync(database, sellerId));
    });

    private static async Task InSchemaAsync(Func<NpgsqlDataSource, Task> test)
    {
        var schema = TestDatabase.NewSchemaName();
        await using (var database = await TestDatabase.CreateSchemaAsync(schema, migrate: true, Ct))
        {
            await test(database);
        }

        await TestDatabase.DropSchemaAsync(schema, Ct);
    }

    private static OrderState Placed(Guid buyerId, OrderLine line) =>
        new() { Status = OrderStatuses.Placed, BuyerId = buyerId, Lines = [line], Total = line.LineTotal, CreatedAt = At, History = [new OrderEvent(OrderStatuses.Placed, buyerId, At)] };

    private static Task<List<(int, int, int, int, long, long, long, int)>> SellerDaysAsync(NpgsqlDataSource database, Guid sellerId) =>
        RowsAsync(database, "SELECT placed, cancelled, orders, units, revenue, fees, refunds, refunded_units FROM seller_daily WHERE seller_id = $1", sellerId,
            r => (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt32(7)));

    /// <summary>Runs what the projection adds to a commit of <paramref name="state"/> after <paramref name="previous"/>, as one batch.</summary>
    private static async Task ProjectAsync(NpgsqlDataSource database, Guid orderId, OrderState? previous, OrderState state)
    {
        var commands = new ProjectionCommands();
        Projection.Project(new StateProjectionContext(GrainId.Create(GrainType.Create("order"), GrainIdKeyExtensions.CreateGuidKey(orderId)), "order"), previous, state, commands);
        await using var connection = await database.OpenConnectionAsync(Ct);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var command in commands.Commands)
        {
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(Ct);
    }

    private static OrderState Copy(OrderState state, string status, OrderEvent? added = null) => new()
    {
        Status = status,
        BuyerId = state.BuyerId,
        Lines = [.. state.Lines],
        Total = state.Total,
        CreatedAt = state.CreatedAt,
        History = added is null ? [.. state.History] : [.. state.History, added],
        Returns = new(state.Returns),
        Coupon = state.Coupon,
    };

    private static async Task<List<T>> RowsAsync<T>(NpgsqlDataSource database, string sql, Guid key, Func<NpgsqlDataReader, T> read)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
