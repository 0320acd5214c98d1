using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Inventory;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace GrainMarket.Gateway.Tests.Catalog;

/// <summary>The product-stock grain as checkout will use it: reservations, their resolution, and conservation under concurrency.</summary>
public sealed class ProductStockTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    [Theory]
    [InlineData(40, 10)]
    [InlineData(6, 10)]
    public async Task Concurrent_reservations_never_oversell_and_exactly_the_smaller_of_buyers_and_stock_succeed(int buyers, int units)
    {
        var (productId, stock) = await NewStockAsync(units);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, buyers).Select(i =>
            RetryAsync(() => stock.ReserveAsync($"order-{i}", 1))));

        var succeeded = Math.Min(buyers, units);
        Assert.Equal(succeeded, outcomes.Count(o => o.Succeeded));
        Assert.All(outcomes.Where(o => !o.Succeeded), o =>
        {
            Assert.Equal(ErrorCodes.InsufficientStock, o.Error!.Code);
            Assert.Equal(0, o.Error.Figures!["available"]);
        });
        var levels = await RetryAsync(stock.GetAsync);
        Assert.Equal(new StockLevels(Available: units - succeeded, Reserved: succeeded, Sold: 0, WrittenOff: 0, Received: units), levels);
        Assert.Equal(levels, await ReadModelAsync(productId));
    }

    [Fact]
    public async Task Concurrent_reserves_commits_releases_and_adjustments_keep_received_equal_to_the_parts()
    {
        var (productId, stock) = await NewStockAsync(20);

        var work = Enumerable.Range(0, 30).Select(async i =>
        {
            var reserved = await RetryAsync(() => stock.ReserveAsync($"r-{i}", 1 + (i % 3)));
            if (reserved.Succeeded)
            {
                await RetryAsync(() => i % 2 == 0 ? stock.CommitReservationAsync($"r-{i}") : stock.ReleaseReservationAsync($"r-{i}"));
            }

            await RetryAsync(() => stock.AdjustAsync(i % 5 == 0 ? 2 : -1));
        });
        await Task.WhenAll(work);

        var levels = await RetryAsync(stock.GetAsync);
        Assert.True(levels.Conserved, $"not conserved: {levels}");
        Assert.Equal(0, levels.Reserved);
        Assert.Equal(levels, await ReadModelAsync(productId));
    }

    [Fact]
    public async Task A_product_keeps_its_pending_and_recent_reservations_and_its_books_stay_whole()
    {
        // More resolutions than the state keeps, so the oldest are forgotten.
        const int Sales = 300;
        var (productId, stock) = await NewStockAsync(Sales + 10);
        await RetryAsync(() => stock.ReserveAsync("pending", 10));
        for (var i = 0; i < Sales; i++)
        {
            await RetryAsync(() => stock.ReserveAsync($"sale-{i}", 1));
            await RetryAsync(() => stock.CommitReservationAsync($"sale-{i}"));
        }

        // The most recent resolutions still answer a repeat as they stand, the oldest of them too; an older one is
        // forgotten and a repeat of it changes nothing; the pending one is kept, however old.
        var oldestKept = Sales - ProductStockState.ResolvedReservationsKept;
        Assert.Equal(ReservationStatus.Committed, (await RetryAsync(() => stock.CommitReservationAsync($"sale-{Sales - 1}"))).Value!.Status);
        Assert.Equal(ReservationStatus.Committed, (await RetryAsync(() => stock.ReleaseReservationAsync($"sale-{oldestKept}"))).Value!.Status);
        Assert.Equal(ErrorCodes.ReservationNotFound, (await RetryAsync(() => stock.ReleaseReservationAsync("sale-0"))).Error?.Code);
        Assert.Equal(ReservationStatus.Reserved, (await RetryAsync(() => stock.ReserveAsync("pending", 10))).Value!.Status);
        Assert.Equal(ProductStockState.ResolvedReservationsKept + 1, await StoredReservationsAsync(productId));
        Assert.Equal(new StockLevels(0, 10, Sales, 0, Sales + 10), await RetryAsync(stock.GetAsync));
    }

    [Fact]
    public async Task A_retried_reserve_does_not_reserve_twice()
    {
        var (_, stock) = await NewStockAsync(5);

        var first = await RetryAsync(() => stock.ReserveAsync("order-1:line-1", 3));
        var retry = await RetryAsync(() => stock.ReserveAsync("order-1:line-1", 3));

        Assert.True(first.Succeeded);
        Assert.True(retry.Succeeded);
        Assert.Equal(ReservationStatus.Reserved, retry.Value!.Status);
        Assert.Equal(new StockLevels(2, 3, 0, 0, 5), retry.Value.Levels);
    }

    [Fact]
    public async Task Committing_moves_reserved_units_to_sold_once_and_a_later_release_returns_the_first_outcome()
    {
        var (_, stock) = await NewStockAsync(5);
        await RetryAsync(() => stock.ReserveAsync("r", 2));

        var committed = await RetryAsync(() => stock.CommitReservationAsync("r"));
        var again = await RetryAsync(() => stock.CommitReservationAsync("r"));
        var released = await RetryAsync(() => stock.ReleaseReservationAsync("r"));

        Assert.Equal(ReservationStatus.Committed, committed.Value!.Status);
        Assert.Equal(new StockLevels(3, 0, 2, 0, 5), committed.Value.Levels);
        Assert.Equal(committed.Value, again.Value);
        Assert.Equal(committed.Value, released.Value);
    }

    [Fact]
    public async Task Releasing_returns_reserved_units_to_available_once()
    {
        var (_, stock) = await NewStockAsync(5);
        await RetryAsync(() => stock.ReserveAsync("r", 4));

        var released = await RetryAsync(() => stock.ReleaseReservationAsync("r"));
        var committed = await RetryAsync(() => stock.CommitReservationAsync("r"));

        Assert.Equal(new StockLevels(5, 0, 0, 0, 5), released.Value!.Levels);
        Assert.Equal(ReservationStatus.Released, committed.Value!.Status);
        Assert.Equal(new StockLevels(5, 0, 0, 0, 5), committed.Value.Levels);
    }

    [Fact]
    public async Task Resolving_an_unknown_reservation_fails_with_reservation_not_found()
    {
        var (_, stock) = await NewStockAsync(1);

        var commit = await RetryAsync(() => stock.CommitReservationAsync("nothing"));

        Assert.Equal(ErrorCodes.ReservationNotFound, commit.Error?.Code);
    }

    [Fact]
    public async Task A_write_off_cannot_take_reserved_units()
    {
        var (_, stock) = await NewStockAsync(5);
        await RetryAsync(() => stock.ReserveAsync("r", 4));

        var refused = await RetryAsync(() => stock.AdjustAsync(-2));
        var allowed = await RetryAsync(() => stock.AdjustAsync(-1));

        Assert.Equal(ErrorCodes.StockBelowReserved, refused.Error?.Code);
        Assert.Equal(1, refused.Error!.Figures!["available"]);
        Assert.Equal(new StockLevels(0, 4, 0, 1, 5), allowed.Value);
    }

    [Fact]
    public async Task A_product_closed_to_sale_takes_no_reservations_but_resolves_those_it_has()
    {
        var (_, stock) = await NewStockAsync(5);
        await RetryAsync(() => stock.ReserveAsync("before", 2));

        await RetryAsync(async () => { await stock.SetPurchasableAsync(false); return true; });
        var refused = await RetryAsync(() => stock.ReserveAsync("after", 1));
        var committed = await RetryAsync(() => stock.CommitReservationAsync("before"));

        Assert.Equal(ErrorCodes.ProductUnavailable, refused.Error?.Code);
        Assert.Equal(new StockLevels(3, 0, 2, 0, 5), committed.Value!.Levels);
    }

    [Fact]
    public async Task Reserving_in_a_product_that_was_never_stocked_fails_with_product_not_found()
    {
        var stock = Grains.GetGrain<IProductStockGrain>(Guid.NewGuid());

        var reserved = await RetryAsync(() => stock.ReserveAsync("r", 1));

        Assert.Equal(ErrorCodes.ProductNotFound, reserved.Error?.Code);
    }

    [Fact]
    public async Task A_reservation_joins_the_callers_transaction_and_vanishes_when_it_aborts()
    {
        var (productId, stock) = await NewStockAsync(3);
        var transactions = factory.Services.GetRequiredService<ITransactionClient>();

        await transactions.RunTransaction(TransactionOption.Create, async () =>
        {
            var reserved = await stock.ReserveAsync("checkout-1", 2);
            Assert.True(reserved.Succeeded);
            return false;
        });

        Assert.Equal(new StockLevels(3, 0, 0, 0, 3), await RetryAsync(stock.GetAsync));
        Assert.Equal(new StockLevels(3, 0, 0, 0, 3), await ReadModelAsync(productId));
    }

    private async Task<(Guid ProductId, IProductStockGrain Stock)> NewStockAsync(long units)
    {
        var productId = Guid.NewGuid();
        var stock = Grains.GetGrain<IProductStockGrain>(productId);
        await RetryAsync(() => stock.InitializeAsync(units, purchasable: true));
        return (productId, stock);
    }

    /// <summary>How many reservations the product's stored stock state keeps.</summary>
    private async Task<int> StoredReservationsAsync(Guid productId)
    {
        var state = await StoredState.TransactionalAsync<ProductStockState>(await TestDatabase.GetDataSourceAsync(Ct), Grains.GetGrain<IProductStockGrain>(productId).GetGrainId(), "stock", Ct);
        Assert.NotNull(state);
        return state.Reservations.Count;
    }

    private static async Task<StockLevels> ReadModelAsync(Guid productId)
    {
        var dataSource = await TestDatabase.GetDataSourceAsync(Ct);
        await using var command = dataSource.CreateCommand("SELECT available, reserved, sold, written_off, received FROM product_stock WHERE product_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = productId });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct), $"no product_stock row for {productId}");
        return new StockLevels(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    /// <summary>Retries a call whose own transaction aborted on a conflict, as a client does; a real outcome is returned.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (attempt < 200 && TransactionFailures.IsRetryable(exception))
            {
                await Task.Delay(Random.Shared.Next(1, 5 + attempt), Ct);
            }
        }
    }
}
