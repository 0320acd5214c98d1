namespace GrainMarket.Orders;

/// <summary>
/// An auction's sale to its winner: one line at the winning price, paid from the winner's auction hold
/// (<see cref="Auctions.AuctionIds.Hold"/>), which the order cuts to the price and then owns like a checkout's hold.
/// </summary>
public sealed record AuctionSale(Guid AuctionId, Guid BuyerId, Guid SellerId, string Title, long Price);
