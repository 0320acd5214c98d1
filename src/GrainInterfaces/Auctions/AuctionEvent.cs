namespace GrainMarket.Auctions;

/// <summary>Where an auction's committed events are announced to every gateway.</summary>
public static class AuctionEvents
{
    /// <summary>The PostgreSQL notification channel; each commit that adds events notifies it with <c>&lt;auction id&gt;:&lt;last sequence&gt;</c>.</summary>
    public const string Channel = "auction_events";
}

/// <summary>An event of an auction's live stream (<c>opened</c>, <c>bid</c>, <c>extended</c>, <c>closed</c>), with the auction's public state after it.</summary>
public sealed record AuctionEvent(long Sequence, string Type, AuctionSnapshot Data, DateTimeOffset At);

/// <summary>An auction's public state, as every watcher may see it: the leader only by pseudonym.</summary>
public sealed record AuctionSnapshot(string Status, long CurrentPrice, long MinNextBid, string? Leader, int BidCount, bool ReserveMet, DateTimeOffset EndsAt, int Extensions);
