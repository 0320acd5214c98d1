namespace GrainMarket.Bench;

/// <summary>
/// One side of the auction benchmark: the tally of its measured phase and how long that phase took, the accepted bids
/// of the whole run (warm-up included) and the final price, its checks as printable lines, and whether every check
/// held. <paramref name="Profile"/> holds extra lines that say where the time went.
/// </summary>
internal sealed record AuctionRun(BidTally Measured, TimeSpan Elapsed, long AcceptedInRun, long FinalPrice, IReadOnlyList<string> Checks, bool Conserved, IReadOnlyList<string> Profile)
{
    public Measurement Rate => Measured.Measure(Elapsed);
}
