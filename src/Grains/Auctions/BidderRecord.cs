using System.Text.Json.Serialization;

namespace GrainMarket.Auctions;

/// <summary>What an auction knows of one bidder: their number (for their pseudonym), their committed maximum, what it last set their hold to, and their latest accepted bid (to answer its retry with the first outcome; the gateway's idempotency record answers older ones).</summary>
public sealed class BidderRecord
{
    public const int RecentBidCount = 1;

    public int Number { get; set; }

    public long Max { get; set; }

    public long Held { get; set; }

    public List<BidOutcome> Recent { get; set; } = [];

    [JsonIgnore]
    public string Pseudonym => $"Bidder {Number}";
}
