namespace GrainMarket.Auctions;

/// <summary>What an auction knows of one bidder: their number (for their pseudonym), their committed maximum, what it last set their hold to, and their latest accepted bid (to answer its retry with the first outcome; the gateway's idempotency record answers older ones).</summary>
[GenerateSerializer, Alias("gm.auctions.BidderRecord")]
public sealed class BidderRecord
{
    public const int RecentBidCount = 1;

    [Id(0)]
    public int Number { get; set; }

    [Id(1)]
    public long Max { get; set; }

    [Id(2)]
    public long Held { get; set; }

    [Id(3)]
    public List<BidOutcome> Recent { get; set; } = [];

    /// <summary>The highest amount they bid outright (their maximum aside): a price recomputed for them never goes below it.</summary>
    [Id(4)]
    public long Amount { get; set; }

    public string Pseudonym => $"Bidder {Number}";
}
