namespace GrainMarket.Orders;

/// <summary>A line as sold: title, seller and unit price snapshotted from the catalog at checkout.</summary>
[GenerateSerializer, Immutable, Alias("gm.orders.OrderLine")]
public sealed record OrderLine(
    [property: Id(0)] Guid ProductId,
    [property: Id(1)] Guid SellerId,
    [property: Id(2)] string Title,
    [property: Id(3)] long UnitPrice,
    [property: Id(4)] int Quantity)
{
    public long LineTotal => UnitPrice * Quantity;
}
