namespace GrainMarket.ApiGateway.Apis.Auctions;

public sealed record RejectAuctionRequest(string? Reason);
