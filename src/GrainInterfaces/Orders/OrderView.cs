namespace GrainMarket.Orders;

public sealed record OrderView(
    Guid Id,
    Guid BuyerId,
    string Status,
    long Total,
    IReadOnlyList<OrderLine> Items,
    ShippingAddress ShippingAddress,
    IReadOnlyList<OrderEvent> History,
    Guid? CourierId,
    DateTimeOffset CreatedAt)
{
    public IEnumerable<Guid> SellerIds => Items.Select(i => i.SellerId).Distinct();

    /// <summary>Whether <paramref name="userId"/> may see the order: its buyer, one of its sellers or its courier.</summary>
    public bool IsParty(Guid userId) => userId == BuyerId || userId == CourierId || SellerIds.Contains(userId);
}
