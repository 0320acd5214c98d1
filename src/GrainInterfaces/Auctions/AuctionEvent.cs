namespace GrainMarket.Auctions;

/// <summary>Where an auction's committed events are announced to every gateway.</summary>
public static class AuctionEvents
{
    /// <summary>The PostgreSQL notification channel; each commit that adds events notifies it with <c>&lt;auction id&gt;:&lt;last sequence&gt;</c>.</summary>
    public const string Channel = "auction_events";
}

/// <summary>An event of an auction's live stream (<c>opened</c>, <c>bid</c>, <c>extended</c>, <c>closed</c>), with the auction's public state after it.</summary>
[GenerateSerializer, Immutable, Alias("gm.auctions.AuctionEvent")]
public sealed record AuctionEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Type,
    [property: Id(2)] AuctionSnapshot Data,
    [property: Id(3)] DateTimeOffset At);

/// <summary>An auction's public state, as every watcher may see it: the leader only by pseudonym.</summary>
[GenerateSerializer, Immutable, Alias("gm.auctions.AuctionSnapshot")]
public sealed record AuctionSnapshot(
    [property: Id(0)] string Status,
    [property: Id(1)] long CurrentPrice,
    [property: Id(2)] long MinNextBid,
    [property: Id(3)] string? Leader,
    [property: Id(4)] int BidCount,
    [property: Id(5)] bool ReserveMet,
    [property: Id(6)] DateTimeOffset EndsAt,
    [property: Id(7)] int Extensions);
