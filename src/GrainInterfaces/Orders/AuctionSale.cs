namespace GrainMarket.Orders;

/// <summary>
/// An auction's sale to its winner (or a runner-up's second chance): one line at the price. Without
/// <paramref name="PaymentDueAt"/> it is paid from the winner's auction hold (<see cref="Auctions.AuctionIds.Hold"/>), which
/// the order cuts to the price and then owns like a checkout's hold; with it (pay-after-win) the order holds nothing
/// and awaits the buyer's payment until then.
/// </summary>
public sealed record AuctionSale(Guid AuctionId, Guid BuyerId, Guid SellerId, string Title, long Price, DateTimeOffset? PaymentDueAt = null);
