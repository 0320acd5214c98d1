namespace GrainMarket.Orders;

/// <summary>
/// A line as sold: title, seller and prices snapshotted at checkout. <see cref="ListPrice"/> is the catalog's unit price,
/// <see cref="UnitPrice"/> the unit price after the line's discount (a seller's discount or a sale event; 0 in orders
/// stored before discounts existed means no discount), <see cref="CouponShare"/> this line's exact share of the order's
/// coupon discount, and <see cref="LineTotal"/> what the buyer pays for the line.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.orders.OrderLine")]
public sealed record OrderLine(
    [property: Id(0)] Guid ProductId,
    [property: Id(1)] Guid SellerId,
    [property: Id(2)] string Title,
    [property: Id(3)] long UnitPrice,
    [property: Id(4)] int Quantity,
    [property: Id(5)] long ListPrice = 0,
    [property: Id(6)] long CouponShare = 0)
{
    /// <summary>The line's value before the coupon: <see cref="UnitPrice"/> times <see cref="Quantity"/>.</summary>
    public long Goods => UnitPrice * Quantity;

    /// <summary>What the buyer pays for the line: its goods less its coupon share.</summary>
    public long LineTotal => Goods - CouponShare;

    /// <summary>The catalog's unit price (the unit price itself where none was recorded).</summary>
    public long ListUnitPrice => ListPrice > 0 ? ListPrice : UnitPrice;

    /// <summary>What the line's discount took off its list price, over all its units.</summary>
    public long LineDiscount => (ListUnitPrice - UnitPrice) * Quantity;
}
