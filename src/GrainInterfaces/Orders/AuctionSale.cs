namespace GrainMarket.Orders;

/// <summary>
/// An auction's sale to its winner (or a runner-up's second chance): one line at the price. Without
/// <paramref name="PaymentDueAt"/> it is paid from the winner's auction hold (<see cref="Auctions.AuctionIds.Hold"/>), which
/// the order cuts to the price and then owns like a checkout's hold; with it (pay-after-win) the order holds nothing
/// and awaits the buyer's payment until then.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.orders.AuctionSale")]
public sealed record AuctionSale(
    [property: Id(0)] Guid AuctionId,
    [property: Id(1)] Guid BuyerId,
    [property: Id(2)] Guid SellerId,
    [property: Id(3)] string Title,
    [property: Id(4)] long Price,
    [property: Id(5)] DateTimeOffset? PaymentDueAt = null);
