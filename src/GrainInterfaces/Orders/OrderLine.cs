namespace GrainMarket.Orders;

/// <summary>A line as sold: title, seller and unit price snapshotted from the catalog at checkout.</summary>
public sealed record OrderLine(Guid ProductId, Guid SellerId, string Title, long UnitPrice, int Quantity)
{
    public long LineTotal => UnitPrice * Quantity;
}
