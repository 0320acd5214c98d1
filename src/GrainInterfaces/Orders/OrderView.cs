namespace GrainMarket.Orders;

/// <summary>
/// An order: its status is the least advanced of its sellers' steps (<see cref="Fulfilment"/>), so an order with
/// several sellers is shipped when every seller has shipped. An auction's order (<see cref="AuctionId"/>) has no
/// stock and is paid from the winner's auction hold; its address is null until the buyer gives one.
/// </summary>
public sealed record OrderView(
    Guid Id,
    Guid BuyerId,
    string Status,
    long Total,
    IReadOnlyList<OrderLine> Items,
    ShippingAddress? ShippingAddress,
    IReadOnlyList<OrderEvent> History,
    Guid? CourierId,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<Guid, string> Fulfilment,
    Guid? AuctionId,
    DateTimeOffset? PaymentDueAt)
{
    public IEnumerable<Guid> SellerIds => Items.Select(i => i.SellerId).Distinct();

    /// <summary>Whether <paramref name="userId"/> may see the order: its buyer, one of its sellers or its courier.</summary>
    public bool IsParty(Guid userId) => userId == BuyerId || userId == CourierId || SellerIds.Contains(userId);
}
