using GrainMarket.Runtime.Tests.Grains;
using GrainMarket.Runtime.Tests.Support;
using GrainMarket.Runtime.Transactions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GrainMarket.Runtime.Tests.Transactions;

/// <summary>Records beside a grain's state (<see cref="ITransactionalRecords{TRecord}"/>): one row each, loaded at first use.</summary>
public sealed class TransactionalRecordsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Concurrent_sales_and_their_repeats_count_every_ticket_once(bool postgres)
    {
        const int Clients = 8;
        const int SalesPerClient = 60;
        const int TicketIds = 120;
        await using var silo = await TestSilo.StartAsync(postgres, cancellationToken: Ct);
        var bank = Retrying(silo);
        var office = silo.GrainFactory.GetGrain<IBoxOfficeGrain>($"office-{Guid.NewGuid():N}");
        var answers = new System.Collections.Concurrent.ConcurrentBag<TicketView>();

        // Every ticket id is sold by several clients, each asking for its own number of seats: the first sale wins.
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            for (var i = 0; i < SalesPerClient; i++)
            {
                var ticketId = $"t{random.Next(TicketIds)}";
                TicketView? sold = null;
                await bank.RetryAsync(async () => sold = await office.SellAsync(ticketId, 1 + client % 3));
                answers.Add(sold!);
            }
        }, Ct))).WaitAsync(TimeSpan.FromMinutes(5), Ct);

        var tickets = answers.GroupBy(a => a.TicketId).ToList();
        Assert.All(tickets, t => Assert.Single(t.Select(a => a.Seats).Distinct()));
        var stored = await Task.WhenAll(tickets.Select(async t =>
        {
            TicketView? ticket = null;
            await bank.RetryAsync(async () => ticket = await office.GetTicketAsync(t.Key));
            return ticket!;
        }));
        Assert.Equal(tickets.Select(t => t.First().Seats).Order(), stored.Select(t => t.Seats).Order());
        Assert.Equal(stored.Sum(t => t.Seats), await office.GetSoldAsync());
    }

    [Fact]
    public async Task A_sale_whose_transaction_aborts_leaves_neither_the_count_nor_the_ticket()
    {
        await using var silo = await TestSilo.StartAsync(cancellationToken: Ct);
        var office = silo.GrainFactory.GetGrain<IBoxOfficeGrain>($"office-{Guid.NewGuid():N}");
        await office.SellAsync("kept", 2);

        await Assert.ThrowsAnyAsync<Exception>(() => office.SellThenFailAsync("lost", 3));

        Assert.Null(await office.GetTicketAsync("lost"));
        Assert.Equal(2, await office.GetSoldAsync());
        Assert.Equal(new TicketView("lost", 4, false), await office.SellAsync("lost", 4));
    }

    [Fact]
    public async Task Each_ticket_is_a_row_of_its_own_and_a_new_activation_finds_it()
    {
        var key = $"office-{Guid.NewGuid():N}";
        await using (var first = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct))
        {
            var office = first.GrainFactory.GetGrain<IBoxOfficeGrain>(key);
            await office.SellAsync("a", 1);
            await office.SellAsync("b", 2);
            Assert.True(await office.RefundAsync("a"));
        }

        var rows = await RowsAsync(key);
        Assert.Equal(["office", "tickets/a", "tickets/b"], rows.Keys.Order());
        Assert.Equal(2, rows["tickets/a"]);

        // Another silo on the same database: the tickets load from their rows at first use.
        await using var second = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct);
        var again = second.GrainFactory.GetGrain<IBoxOfficeGrain>(key);
        Assert.Equal(new TicketView("b", 2, false), await again.SellAsync("b", 5));
        Assert.Equal(new TicketView("a", 1, true), await again.GetTicketAsync("a"));
        Assert.False(await again.RefundAsync("a"));
        Assert.Equal(2, await again.GetSoldAsync());
    }

    [Fact]
    public async Task A_record_taken_as_unwritten_that_exists_after_all_is_refused_and_then_read()
    {
        var key = $"office-{Guid.NewGuid():N}";
        await using var first = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct);
        await first.GrainFactory.GetGrain<IBoxOfficeGrain>(key).SellAsync("a", 2);

        // Another silo on the same database, whose activation has never read ticket "a": told it was never sold, it
        // writes blind, the database refuses the insert, and a retry after the ticket has been read answers with it.
        // The refusal starts that read in the background, so a retry that comes first is refused once more (as in
        // TransactionTests' catch-up test).
        await using var second = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct);
        var bank = Retrying(second);
        var office = second.GrainFactory.GetGrain<IBoxOfficeGrain>(key);
        TicketView? answer = null;
        await bank.RetryAsync(async () => answer = await office.SellUnwrittenAsync("a", 5));

        Assert.InRange(bank.Retries, 1, 5);
        Assert.Equal(new TicketView("a", 2, false), answer);
        Assert.Equal(2, await office.GetSoldAsync());
        Assert.Equal(new TicketView("b", 3, false), await office.SellUnwrittenAsync("b", 3));
        Assert.Equal(5, await office.GetSoldAsync());
        Assert.Equal(["office", "tickets/a", "tickets/b"], (await RowsAsync(key)).Keys.Order());
    }

    [Fact]
    public async Task An_update_that_changes_nothing_writes_nothing()
    {
        await using var silo = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct);
        var key = $"office-{Guid.NewGuid():N}";
        var office = silo.GrainFactory.GetGrain<IBoxOfficeGrain>(key);
        Assert.NotNull(await office.SellAsync("all", 1_000));
        var before = await RowsAsync(key);

        // Sold out: the update functions ran on both copies and changed neither, so both vote as reads.
        Assert.Null(await office.SellAsync("refused", 1));
        Assert.NotNull(await office.SellAsync("all", 7));

        Assert.Equal(before, await RowsAsync(key));
        Assert.Null(await office.GetTicketAsync("refused"));
    }

    [Fact]
    public async Task Records_dropped_from_memory_still_answer_repeats()
    {
        const int Tickets = TransactionalRecords<Ticket>.KeptInMemory + 40;
        await using var silo = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct);
        var office = silo.GrainFactory.GetGrain<IBoxOfficeGrain>($"office-{Guid.NewGuid():N}");
        for (var i = 0; i < Tickets; i++)
        {
            await office.SellAsync($"t{i}", 1);
        }

        // The first tickets were dropped from memory to make room: they load again, and a repeat is still a repeat.
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(new TicketView($"t{i}", 1, false), await office.SellAsync($"t{i}", 3));
        }

        Assert.Equal(Tickets, await office.GetSoldAsync());
    }

    private static Bank Retrying(TestSilo silo) => new(silo.GrainFactory, silo.Services.GetRequiredService<ITransactionClient>());

    /// <summary>The grain's rows: state name → version.</summary>
    private static async Task<Dictionary<string, long>> RowsAsync(string grainKey)
    {
        var dataSource = await TestDatabase.GetDataSourceAsync(Ct);
        await using var command = dataSource.CreateCommand("SELECT state_name, version FROM grain_state WHERE grain_key = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainKey });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new Dictionary<string, long>();
        while (await reader.ReadAsync(Ct))
        {
            rows[reader.GetString(0)] = reader.GetInt64(1);
        }

        return rows;
    }
}
