namespace GrainMarket.Runtime.Tests.Grains;

/// <summary>Mutable only inside a transaction's private copy.</summary>
public sealed class BoxOfficeState
{
    public int Capacity { get; set; } = 1_000;

    public int Sold { get; set; }
}

/// <summary>A ticket as its own record: absent while <see cref="Seats"/> is 0.</summary>
public sealed class Ticket
{
    public int Seats { get; set; }

    public bool Refunded { get; set; }
}

public sealed record TicketView(string TicketId, int Seats, bool Refunded);

public interface IBoxOfficeGrain : IGrainWithStringKey
{
    /// <summary>Sells <paramref name="seats"/> under <paramref name="ticketId"/> unless sold out (null); a ticket id sold before answers as it stands.</summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    Task<TicketView?> SellAsync(string ticketId, int seats);

    /// <summary>As <see cref="SellAsync"/> for a ticket id the caller claims was never sold: the ticket is not read first.</summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    Task<TicketView?> SellUnwrittenAsync(string ticketId, int seats);

    /// <summary>Returns the ticket's seats once; false for a ticket never sold.</summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    Task<bool> RefundAsync(string ticketId);

    /// <summary>Sells, then throws: the sale must vanish with the transaction.</summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    Task SellThenFailAsync(string ticketId, int seats);

    [Transaction(TransactionOption.CreateOrJoin)]
    Task<TicketView?> GetTicketAsync(string ticketId);

    [Transaction(TransactionOption.CreateOrJoin)]
    Task<int> GetSoldAsync();
}

/// <summary>A grain whose tickets are records beside its state (<see cref="ITransactionalRecords{TRecord}"/>).</summary>
[Reentrant]
public sealed class BoxOfficeGrain(
    [TransactionalState("office")] ITransactionalState<BoxOfficeState> office,
    [TransactionalState("tickets")] ITransactionalRecords<Ticket> tickets) : Grain, IBoxOfficeGrain
{
    Task<TicketView?> IBoxOfficeGrain.SellAsync(string ticketId, int seats) => SellAsync(tickets[ticketId], ticketId, seats);

    Task<TicketView?> IBoxOfficeGrain.SellUnwrittenAsync(string ticketId, int seats) => SellAsync(tickets.Unwritten(ticketId), ticketId, seats);

    Task<bool> IBoxOfficeGrain.RefundAsync(string ticketId) =>
        office.PerformUpdate(tickets[ticketId], (s, ticket) =>
        {
            if (ticket.Seats == 0 || ticket.Refunded)
            {
                return false;
            }

            ticket.Refunded = true;
            s.Sold -= ticket.Seats;
            return true;
        });

    async Task IBoxOfficeGrain.SellThenFailAsync(string ticketId, int seats)
    {
        await SellAsync(tickets[ticketId], ticketId, seats);
        throw new InvalidOperationException("the box office failed after the sale");
    }

    Task<TicketView?> IBoxOfficeGrain.GetTicketAsync(string ticketId) =>
        tickets[ticketId].PerformRead(t => t.Seats == 0 ? null : new TicketView(ticketId, t.Seats, t.Refunded));

    Task<int> IBoxOfficeGrain.GetSoldAsync() => office.PerformRead(s => s.Sold);

    private Task<TicketView?> SellAsync(ITransactionalState<Ticket> record, string ticketId, int seats) =>
        office.PerformUpdate(record, (s, ticket) =>
        {
            if (ticket.Seats == 0)
            {
                if (s.Sold + seats > s.Capacity)
                {
                    return null;
                }

                ticket.Seats = seats;
                s.Sold += seats;
            }

            return new TicketView(ticketId, ticket.Seats, ticket.Refunded);
        });
}
