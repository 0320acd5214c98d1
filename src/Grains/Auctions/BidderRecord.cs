namespace GrainMarket.Auctions;

/// <summary>What an auction knows of one bidder: their number (for their pseudonym), their committed maximum, what it last set their hold to, and their latest accepted bids (to answer retries).</summary>
public sealed class BidderRecord
{
    public const int RecentBidCount = 5;

    public int Number { get; set; }

    public long Max { get; set; }

    public long Held { get; set; }

    public List<BidOutcome> Recent { get; set; } = [];

    public string Pseudonym => $"Bidder {Number}";
}
