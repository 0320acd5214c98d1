using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Auctions;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// The auctions' live streams on this gateway: the rows of <c>auction_events</c>, notified on
/// <see cref="AuctionEvents.Channel"/> with <c>&lt;auction id&gt;:&lt;last sequence&gt;</c> by each commit of an auction.
/// </summary>
public sealed class AuctionEventFeed(ReadModelDatabase readModels, ILogger<AuctionEventFeed> logger) : EventFeed(readModels, logger)
{
    protected override string Channel => AuctionEvents.Channel;

    protected override string EventsSql => """
        SELECT sequence, type, data, at FROM auction_events
        WHERE auction_id = $1 AND sequence > $2
        ORDER BY sequence
        LIMIT $3
        """;
}
