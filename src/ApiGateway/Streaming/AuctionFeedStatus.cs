namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// What <see cref="AuctionEventFeed"/> is doing: whether its connection listens (and that connection's PostgreSQL
/// backend process), how many times it has connected, and how many auctions and watchers it serves.
/// </summary>
public sealed record AuctionFeedStatus(bool Listening, int? BackendProcessId, long Connects, int Auctions, int Watchers);
