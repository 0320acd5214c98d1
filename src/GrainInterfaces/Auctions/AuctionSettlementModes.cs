namespace GrainMarket.Auctions;

/// <summary>
/// How an auction is paid: <see cref="Hold"/> backs every bid with a wallet hold and the winner's hold pays;
/// <see cref="PayAfterWin"/> takes bids without money (for bidders who pay by card after winning) and gives the winner
/// a deadline to pay, after which the default is recorded and the runner-up gets a second-chance offer.
/// </summary>
public static class AuctionSettlementModes
{
    public const string Hold = "hold";
    public const string PayAfterWin = "pay-after-win";

    public static IReadOnlyList<string> All { get; } = [Hold, PayAfterWin];
}
