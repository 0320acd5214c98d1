using GrainMarket.Common;

namespace GrainMarket.Auctions;

/// <summary>The deterministic ids of an auction's effects elsewhere: bids, the bidders' holds, the winner's order, notifications.</summary>
public static class AuctionIds
{
    public static Guid Bid(Guid bidderId, string idempotencyKey) => DeterministicGuid.From($"bid:{bidderId:N}:{idempotencyKey}");

    public static Guid Order(Guid auctionId) => DeterministicGuid.From($"auction-order:{auctionId:N}");

    /// <summary>The order of the runner-up's second-chance offer, when a pay-after-win winner did not pay.</summary>
    public static Guid SecondChanceOrder(Guid auctionId) => DeterministicGuid.From($"auction-second-chance:{auctionId:N}");

    public static string Hold(Guid auctionId, Guid bidderId) => $"auction:{auctionId:N}:{bidderId:N}";

    /// <summary>The reference of every hold and ledger entry the auction causes, by which its holds can be found in the ledger.</summary>
    public static string Reference(Guid auctionId) => $"auction:{auctionId:N}";
}
